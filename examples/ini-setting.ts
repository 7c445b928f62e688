/**
 * Example: a setting in an app's .ini: the Contoso Agent's server in the [Agent] section of its agent.ini,
 * replacing whatever Server= line is there (any case, any spacing), inserted under [Agent] when it has none;
 * the file keeps its encoding (the agent writes UTF-16 LE), its line endings and every other line.
 */
import { defineRemediation, fileLine } from 'remgen';

export default defineRemediation({
  id: 'ini-setting',
  displayName: 'Contoso Agent server in agent.ini',
  description: 'Points the Contoso Agent at agent.contoso.com in the [Agent] section of its agent.ini, keeping the rest of the file.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [
    fileLine({
      id: 'agent-server', path: '%ProgramData%\\Contoso\\Agent\\agent.ini',
      match: '(?i)^\\s*server\\s*=', line: 'Server=agent.contoso.com', after: '^\\[Agent\\]\\s*$',
    }),
  ],
});
