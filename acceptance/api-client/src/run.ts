// Runs the integration program against running services (ApiContractTest starts them):
// node generated/js/src/run.js, with HOMEWARD_INTAKE, HOMEWARD_SEARCH, HOMEWARD_REPORTING (base URLs),
// HOMEWARD_TOKEN (a bearer token) and HOMEWARD_STATION in the environment.
import { admitAndSearch } from "./integration.js";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const report = await admitAndSearch(
  { intake: env("HOMEWARD_INTAKE"), search: env("HOMEWARD_SEARCH"), reporting: env("HOMEWARD_REPORTING"), token: env("HOMEWARD_TOKEN") },
  env("HOMEWARD_STATION"),
);
console.log(`family-search report: ${report.successes} successes, channels ${JSON.stringify(report.byChannel ?? [])}`);
