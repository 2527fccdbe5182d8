/** The connectors, by source type. Each lives in its own folder with the same small files. */
import type { SourceConfig, SourceType } from './config.ts';
import { githubConnector } from './github/connector.ts';
import { jiraConnector } from './jira/connector.ts';
import { pagerdutyConnector } from './pagerduty/connector.ts';
import { servicenowConnector } from './servicenow/connector.ts';
import { statuspageConnector } from './statuspage/connector.ts';
import type { Connector } from './types.ts';

export const CONNECTORS: { readonly [T in SourceType]: Connector<Extract<SourceConfig, { type: T }>> } = {
  jira: jiraConnector,
  servicenow: servicenowConnector,
  pagerduty: pagerdutyConnector,
  github: githubConnector,
  statuspage: statuspageConnector,
};

/** The connector for a source, typed for the general config (the union can't be narrowed generically). */
export function connectorFor(source: SourceConfig): Connector<SourceConfig> {
  return CONNECTORS[source.type] as unknown as Connector<SourceConfig>;
}
