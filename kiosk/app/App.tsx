import { questionnaireVersion } from "../../shared/questionnaire.ts";

/** The kiosk shell. The interview itself arrives with the kiosk issue. */
export function App() {
  return (
    <main>
      <h1>Hvordan gik dit besøg i dag?</h1>
      <p>Borgerpuls kiosk · spørgeskema version {questionnaireVersion}</p>
    </main>
  );
}
