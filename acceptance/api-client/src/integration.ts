// What an outside integrator writes against clients generated from the services' OpenAPI documents
// (openapi-typescript types, openapi-fetch calls): register the station, admit a person, open their
// search case, record a lead, read the family-search report. No casts: every request and answer is
// typed by the documents. ApiContractTest compiles it and runs it (src/run.ts) against the services.
import createClient from "openapi-fetch";
import type { paths as Intake, components as IntakeTypes } from "../generated/intake";
import type { paths as Search } from "../generated/search";
import type { paths as Reporting, components as ReportingTypes } from "../generated/reporting";

type Problem = IntakeTypes["schemas"]["Problem"];
type FamilySearch = ReportingTypes["schemas"]["FamilySearch"];

export interface Platform {
  intake: string;
  search: string;
  reporting: string;
  token: string;
}

function fail(step: string, problem: Problem | undefined): never {
  const fields = (problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("; ");
  throw new Error(`${step}: ${problem?.status} ${problem?.title} ${problem?.detail ?? ""} ${fields}`);
}

export async function admitAndSearch(platform: Platform, stationId: string): Promise<FamilySearch> {
  const headers = { Authorization: `Bearer ${platform.token}` };
  const intake = createClient<Intake>({ baseUrl: platform.intake, headers });
  const search = createClient<Search>({ baseUrl: platform.search, headers });
  const reporting = createClient<Reporting>({ baseUrl: platform.reporting, headers });

  const station = await intake.POST("/api/stations", {
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
    body: { stationId, name: "集成测试救助站" },
  });
  // 409: registered by an earlier run; anything else is an error
  if (!station.data && station.response.status !== 409) fail("register station", station.error);

  const admitted = await intake.POST("/api/admissions", {
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
    body: {
      stationId,
      arrivalChannel: "POLICE",
      person: { name: "李建国", sex: "MALE", estimatedAge: 58, identified: true, hometown: "湖南省邵阳市" },
    },
  });
  const personId = admitted.data?.personId;
  if (personId === undefined) fail("admit", admitted.error);

  const person = await intake.GET("/api/persons/{personId}", { params: { path: { personId } } });
  if (person.error) fail("read person", person.error);

  // search-service learns of the admission from intake's topic: until then it answers 409 with
  // Retry-After, which a client honours (the same Idempotency-Key makes the retry safe).
  const openKey = crypto.randomUUID();
  let opened = await search.POST("/api/search-cases", {
    params: { header: { "Idempotency-Key": openKey } },
    body: { personId },
  });
  for (let attempt = 0; !opened.data && opened.response.status === 409 && attempt < 60; attempt++) {
    const wait = Number(opened.response.headers.get("Retry-After") ?? "1");
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 2) * 1000));
    opened = await search.POST("/api/search-cases", {
      params: { header: { "Idempotency-Key": openKey } },
      body: { personId },
    });
  }
  if (!opened.data) fail("open case", opened.error);
  const caseId: string = opened.data.caseId;
  if (!opened.response.headers.get("Location")?.endsWith(`/api/search-cases/${caseId}`)) {
    throw new Error(`open case: Location ${opened.response.headers.get("Location")}`);
  }

  const lead = await search.POST("/api/search-cases/{caseId}/leads", {
    params: { path: { caseId }, header: { "Idempotency-Key": crypto.randomUUID() } },
    body: { channel: "STAFF_INQUIRY", summary: "家属来电，称其在邵阳走失" },
  });
  if (!lead.data) fail("record lead", lead.error);
  const leadId: string = lead.data.leadId;

  const year = new Date().getFullYear();
  const report = await reporting.GET("/api/reports/family-search", {
    params: { query: { from: `${year}-01-01`, to: `${year + 1}-01-01`, stationId } },
  });
  if (!report.data) fail("family-search report", report.error);
  const byChannel = (report.data.byChannel ?? []).map((c) => `${c.channel}: ${c.count}`);
  console.log(`lead ${leadId} on case ${caseId}; successes ${report.data.successes}; ${byChannel.join(", ")}`);
  return report.data;
}
