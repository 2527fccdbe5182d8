/**
 * The fake Jira's issues (project INC, user zone Asia/Bangkok):
 * - INC-201…INC-207: the issues of fixtures/samples/jira/search-jql-changelog.json with their
 *   whole changelogs (INC-202 is reopened; INC-204 sits in the custom status "Mitigated"; INC-206
 *   has no changelog; INC-207 is in "Legacy triage", a status without category); the sample's
 *   key-less stray is left out (the API always has a key); INC-203's Severity is set to Sev-1
 *   (its priority is Medium);
 * - INC-205: the REAL status transitions of PD-4 (api-samples/jira-issue-changelog-real-status-
 *   transitions.json, a Jira Cloud site at +0700): Open → In Progress 2022-06-20T18:12:30.209+0700,
 *   → Done 18:12:49.010+0700; its description / environment edits are left out;
 * - INC-101…INC-1NN: generated fillers, Open → In Progress → Done, one update apart, so a full
 *   pull spans several pages; INC-110 has a long changelog (reopened twice) that expand=changelog
 *   truncates when the fake's changelogCap is small.
 */
import { readFileSync } from 'node:fs';
import type { JiraIssue } from '../jira.ts';

const SAMPLE = new URL('../../../fixtures/samples/jira/search-jql-changelog.json', import.meta.url);
export const JIRA_NAMES = { customfield_10050: 'Severity', customfield_10030: 'Time to first response', customfield_10031: 'Time to resolution' };

const STATUS = {
  open: { name: 'Open', id: '1', statusCategory: { id: 2, key: 'new', name: 'To Do' } },
  progress: { name: 'In Progress', id: '3', statusCategory: { id: 4, key: 'indeterminate', name: 'In Progress' } },
  done: { name: 'Done', id: '10001', statusCategory: { id: 3, key: 'done', name: 'Done' } },
};
const LINH = { accountId: '712020:5b1e0c4e-linh', displayName: 'Linh Tran', active: true, timeZone: 'Asia/Bangkok', accountType: 'atlassian' };

export function jiraIssues(fillers = 10): JiraIssue[] {
  const sample = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { issues: Array<JiraIssue & { changelog?: JiraIssue['changelog'] }> };
  const fromSample = sample.issues
    .filter((issue) => typeof issue.key === 'string')
    .map((issue) => ({ ...issue, changelog: { histories: issue.changelog?.histories ?? [] } }));
  // INC-203's Severity field says Sev-1 while its priority says Medium: only a sync that asks for
  // the field (`fields: [customfield_10050]`) ranks it SEV1.
  const inc203 = fromSample.find((issue) => issue.key === 'INC-203');
  if (inc203) inc203.fields = { ...inc203.fields, customfield_10050: { value: 'Sev-1', id: '10069' } };
  return [...fromSample, realPd4(), ...Array.from({ length: fillers }, (_, index) => filler(101 + index))];
}

function realPd4(): JiraIssue {
  const hist = (id: string, created: string, items: Array<Record<string, unknown>>) => ({
    id, created, items, author: { accountId: '623940b450bb2b0070b5478c', displayName: 'hien thanh', active: true, timeZone: 'Asia/Bangkok', accountType: 'atlassian' },
  });
  return {
    id: '10305', key: 'INC-205',
    fields: {
      summary: 'PD-4 (real changelog)', issuetype: { id: '10004', name: '[System] Incident' }, project: { id: '10002', key: 'INC' },
      status: STATUS.done, priority: { name: 'Medium', id: '3' }, created: '2022-06-16T18:20:00.000+0700', updated: '2022-06-20T18:12:49.010+0700',
      resolution: { id: '10000', name: 'Done' }, resolutiondate: '2022-06-20T18:12:49.010+0700', labels: [], components: [],
      assignee: { accountId: '623940b450bb2b0070b5478c', displayName: 'hien thanh' }, reporter: null,
    },
    changelog: {
      histories: [
        hist('10028', '2022-06-16T18:20:55.282+0700', [{ field: 'assignee', fieldtype: 'jira', fieldId: 'assignee', from: null, fromString: null, to: '623940b450bb2b0070b5478c', toString: 'hien thanh' }]),
        hist('10029', '2022-06-20T18:12:30.209+0700', [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: '1', fromString: 'Open', to: '3', toString: 'In Progress' }]),
        hist('10032', '2022-06-20T18:12:49.010+0700', [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: '3', fromString: 'In Progress', to: '10001', toString: 'Done' }]),
      ],
    },
  };
}

/** Opened on 2024-04-(n-100) 09:00 +0700; acknowledged 10 min later; done 1 h later. */
function filler(n: number): JiraIssue {
  const day = String(n - 100).padStart(2, '0');
  const at = (time: string) => `2024-04-${day}T${time}.000+0700`;
  const move = (id: number, time: string, from: typeof STATUS.open, to: typeof STATUS.open) => ({
    id: String(40000 + n * 10 + id), created: at(time), author: LINH,
    items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: from.id, fromString: from.name, to: to.id, toString: to.name }],
  });
  const histories = [move(1, '09:10:00', STATUS.open, STATUS.progress), move(2, '10:00:00', STATUS.progress, STATUS.done)];
  if (n === 110) histories.push(move(3, '10:30:00', STATUS.done, STATUS.progress), move(4, '11:00:00', STATUS.progress, STATUS.done), move(5, '11:30:00', STATUS.done, STATUS.progress), move(6, '12:00:00', STATUS.progress, STATUS.done));
  return {
    id: String(20000 + n), key: `INC-${n}`,
    fields: {
      summary: `Generated incident ${n}`, issuetype: { id: '10004', name: '[System] Incident' }, project: { id: '10002', key: 'INC' },
      status: STATUS.done, priority: { name: n % 3 === 0 ? 'High' : 'Medium', id: n % 3 === 0 ? '2' : '3' },
      created: at('09:00:00'), updated: histories[histories.length - 1]!.created, resolution: { id: '10000', name: 'Done' },
      resolutiondate: histories[histories.length - 1]!.created, labels: [], components: [{ id: '10010', name: 'auth-service' }], assignee: LINH, reporter: null,
    },
    changelog: { histories },
  };
}
