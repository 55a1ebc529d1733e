export async function lookupAccounts(accessToken: string) {
  const headers = { Authorization: `Bearer ${accessToken}` };
  const res = await fetch("https://api.example.com/v4/accounts", { headers });
  if (!res.ok) {
    throw new Error(`upstream ${res.status}`);
  }
  return res.json();
}
