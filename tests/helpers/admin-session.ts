/** A cookie session as the dashboard has it: the cookie and the CSRF token writes must send. */
export type Session = { cookie: string; csrf: string };

export async function logIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { csrfToken: string };
  return {
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: body.csrfToken,
  };
}
