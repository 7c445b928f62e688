import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { DEPLOYMENT_SCHEMA_FILE, DEPLOYMENT_VALIDATOR_FILE, generateDeploymentSchema, generateSchema, generateValidator, SCHEMA_FILE, VALIDATOR_FILE } from '../scripts/generate-schema.ts';
import { rooms } from '../generator/steps/index.ts';

describe('check: the descriptor JSON Schema', function () {
  this.timeout(60_000);
  // ts-json-schema-generator reads the whole program: once for the file, the tests compare its one output.
  let schema: string | undefined;
  const fresh = (): string => (schema ??= generateSchema());

  it('generator/check/descriptor.schema.json is what the TypeScript types generate', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    assert.ok(committed === fresh(), 'schema is stale: run npm run schema');
  });

  it('generator/check/descriptor.validate.cjs is the committed schema compiled by ajv (standalone code)', () => {
    const committed = readFileSync(VALIDATOR_FILE, 'utf8');
    assert.ok(committed === generateValidator(readFileSync(SCHEMA_FILE, 'utf8')), 'validator is stale: run npm run schema');
  });

  it('generator/check/deployment.schema.json and its validator are what the Deployment type generates', () => {
    assert.ok(readFileSync(DEPLOYMENT_SCHEMA_FILE, 'utf8') === generateDeploymentSchema(), 'deployment schema is stale: run npm run schema');
    assert.ok(readFileSync(DEPLOYMENT_VALIDATOR_FILE, 'utf8') === generateValidator(readFileSync(DEPLOYMENT_SCHEMA_FILE, 'utf8'), 'deployment.schema.json'), 'deployment validator is stale: run npm run schema');
  });

  it('describes every step kind through the kind discriminator', () => {
    const parsed = JSON.parse(fresh()) as { definitions: { Step: { properties: { kind: { enum: string[] } } } } };
    assert.deepEqual(parsed.definitions.Step.properties.kind.enum.sort(), [...rooms.keys()].sort(), 'the schema knows exactly the rooms in the registry');
  });
});
