/**
 * The check that every example in contracts/openapi/mybot.yaml validates, strictly, against its own schema:
 * JSON Schema 2020-12 (OpenAPI 3.1's dialect) with every open object closed, so that a key the
 * schema does not name fails. That catches an example that YAML quietly parsed into something
 * else, such as a comma inside an unquoted flow mapping splitting one value into two keys.
 *
 * @module
 */
import Ajv2020 from "ajv/dist/2020.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A copy of the schema in which objects admit only the properties they name. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!isObject(schema)) return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema))
    copy[key] = key === "examples" || key === "example" || key === "enum" ? value : closed(value);
  if (isObject(schema.properties) && schema.additionalProperties !== false) {
    delete copy.additionalProperties;
    copy.unevaluatedProperties = false;
  }
  return copy;
}

/** Every example of the document, with the schema it must satisfy and where it stands. */
export function examplesOf(doc: Json): { where: string; schema: unknown; value: unknown }[] {
  const found: { where: string; schema: unknown; value: unknown }[] = [];
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) visit(n, `${path}/${i}`);
      return;
    }
    if (!isObject(node)) return;
    if (node.schema !== undefined) {
      if (node.example !== undefined)
        found.push({ where: `${path}/example`, schema: node.schema, value: node.example });
      if (isObject(node.examples)) {
        for (const [name, example] of Object.entries(node.examples))
          if (isObject(example) && "value" in example)
            found.push({
              where: `${path}/examples/${name}`,
              schema: node.schema,
              value: example.value,
            });
      }
    }
    if (Array.isArray(node.examples) && (node.type !== undefined || node.oneOf !== undefined)) {
      const { examples, ...schema } = node;
      for (const [i, value] of examples.entries())
        found.push({ where: `${path}/examples/${i}`, schema, value });
    }
    for (const [key, value] of Object.entries(node))
      if (key !== "examples") visit(value, `${path}/${key}`);
  };
  visit(doc.paths, "#/paths");
  visit(doc.components, "#/components");
  return found;
}

/** The errors of each example that does not validate, as `where: message` lines. */
export function invalidExamples(doc: Json): string[] {
  const ajv = new Ajv2020({
    strict: true,
    strictRequired: false,
    allErrors: true,
    keywords: ["x-mybot-assumption"],
  });
  ajv.addFormat("int64", { type: "number", validate: Number.isSafeInteger });
  const refs = (schema: unknown, to: string) =>
    JSON.parse(
      JSON.stringify(closed(schema)).replaceAll('"$ref":"#/components/schemas/', `"$ref":"${to}`),
    );
  const schemas = (doc.components as Json | undefined)?.schemas ?? {};
  ajv.addSchema({ $id: "spec", $defs: refs(schemas, "#/$defs/") });
  const problems: string[] = [];
  for (const { where, schema, value } of examplesOf(doc)) {
    const validate = ajv.compile(refs(schema, "spec#/$defs/"));
    if (!validate(value))
      for (const e of validate.errors ?? [])
        problems.push(`${where}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
  }
  return problems;
}
