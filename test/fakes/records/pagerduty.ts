/**
 * The fake PagerDuty's incidents, each with its log:
 * - P31FVLZ, PT4KHLK, PRO4T2X, PSTL0PN: from fixtures/samples/pagerduty/incident-pages-embedded-
 *   log-entries.json (its README says where each comes from): P31FVLZ carries the THIRDPARTY
 *   timeline (trigger 20:28:46 → ack 20:29:30 → unack by timeout → escalate → resolve 21:33:15,
 *   2013-03-06); PT4KHLK is the OFFICIAL example, never acknowledged, resolved 21:38:23;
 *   PRO4T2X is reopened; PSTL0PN is still acknowledged. The sample's id-less incident is left
 *   out (the API always has an id).
 * - PGEN001…: generated in January 2026, one a day, acknowledged after 4 min, resolved after 1 h.
 */
import { readFileSync } from 'node:fs';
import type { PdIncident } from '../pagerduty.ts';

const SAMPLE = new URL('../../../fixtures/samples/pagerduty/incident-pages-embedded-log-entries.json', import.meta.url);

export function pagerdutyIncidents(generated = 8): PdIncident[] {
  const pages = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Array<{ incidents: Array<Record<string, unknown>> }>;
  const byId = new Map<string, PdIncident>();
  for (const page of pages) {
    for (const { log_entries: log, ...incident } of page.incidents) {
      if (typeof incident.id !== 'string') continue;
      byId.set(incident.id, { incident: incident as PdIncident['incident'], log: (log as Array<Record<string, unknown>>) ?? [] });
    }
  }
  return [...byId.values(), ...Array.from({ length: generated }, (_, index) => made(index + 1))];
}

function made(n: number): PdIncident {
  const day = String(n).padStart(2, '0');
  const at = (time: string) => `2026-01-${day}T${time}Z`;
  const id = `PGEN${String(n).padStart(3, '0')}`;
  const service = { id: 'PSVC001', type: 'service_reference', summary: 'Checkout' };
  const agent = { id: 'PUSER01', type: 'user_reference', summary: 'Ana Ruiz' };
  return {
    incident: {
      id, type: 'incident', summary: `[#${2000 + n}] Checkout errors ${n}`, title: `Checkout errors ${n}`, incident_number: 2000 + n,
      created_at: at('03:00:00'), updated_at: at('04:00:00'), status: 'resolved', urgency: n % 2 ? 'high' : 'low', priority: null,
      service, teams: [{ id: 'PTEAM01', type: 'team_reference', summary: 'Payments' }], assignments: [], acknowledgements: [],
      last_status_change_at: at('04:00:00'), resolved_at: at('04:00:00'), html_url: `https://acme.pagerduty.com/incidents/${id}`,
    },
    log: [
      { id: `${id}T`, type: 'trigger_log_entry', created_at: at('03:00:00'), agent: { type: 'service_reference', summary: 'Checkout' }, channel: { type: 'api' }, service },
      { id: `${id}G`, type: 'assign_log_entry', created_at: at('03:00:00'), agent: { type: 'service_reference', summary: 'Checkout' }, assignees: [agent], channel: { type: 'auto' } },
      { id: `${id}A`, type: 'acknowledge_log_entry', created_at: at('03:04:00'), agent, channel: { type: 'website' } },
      { id: `${id}R`, type: 'resolve_log_entry', created_at: at('04:00:00'), agent, channel: { type: 'website' } },
    ],
  };
}
