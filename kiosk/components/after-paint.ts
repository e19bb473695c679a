/**
 * Runs `work` in the frame after the next one: by then the next frame (the new screen) has been
 * painted, and `work` runs at the start of a frame of its own, so any style or layout it forces
 * is done once, with that frame's. For work the citizen does not see, kept off the tap → next
 * screen path. Returns a cancel.
 */
export function afterPaint(work: () => void): () => void {
  let frame = requestAnimationFrame(() => {
    frame = requestAnimationFrame(work);
  });
  return () => cancelAnimationFrame(frame);
}
