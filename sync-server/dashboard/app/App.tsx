/** The chief's and analysts' web app. The figures and pages arrive with the reports issue. */
export function App() {
  return (
    <main>
      <h1>Borgerpuls</h1>
      <p>Overblik over borgernes vurdering af Borgerservice.</p>
    </main>
  );
}
