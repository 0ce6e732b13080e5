// The manifest's agent contributions, generated from the core's tool table so they cannot drift from it:
// `npm run gen:tools` writes them into package.json; a unit test fails when package.json differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputJsonSchema } from '../src/core/tools/run-tool';
import { TOOL_TABLE } from '../src/core/tools/tool-table';

const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export function agentContributions(): Record<string, unknown> {
  return {
    languageModelTools: TOOL_TABLE.map((t) => ({
      name: t.name,
      displayName: t.title,
      toolReferenceName: camel(t.name),
      canBeReferencedInPrompt: true,
      userDescription: t.title.replace(/^QoD: /, ''),
      modelDescription: t.description,
      icon: '$(broadcast)',
      tags: ['qod', 'camara', 'open-gateway', ...(t.readOnly ? ['read-only'] : [])],
      inputSchema: inputJsonSchema(t as never),
    })),
    languageModelToolSets: [{
      name: 'qod', referenceName: 'qod', description: 'QoD Playground: ask a mobile operator for better connectivity for one device (CAMARA Quality-on-Demand).',
      // VS Code matches a tool set's entries by the tools' reference names, not by their names.
      icon: '$(broadcast)', tools: TOOL_TABLE.map((t) => camel(t.name)),
    }],
    mcpServerDefinitionProviders: [{ id: 'qod-playground', label: 'QoD Playground' }],
  };
}

if (require.main === module) {
  const path = join(__dirname, '..', 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { contributes: Record<string, unknown> };
  Object.assign(manifest.contributes, agentContributions());
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`package.json: ${TOOL_TABLE.length} language-model tools, the qod tool set and the MCP server provider`);
}
