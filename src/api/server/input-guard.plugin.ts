import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { INPUT_LIMITS, jsonIssues, keyPath, textProblem } from '../../common/input-text';
import { issuesMessage, reportedIssues, type InputIssue } from '../../errors/domain-errors';

/** A JSON value written in the query itself. */
function checkJsonLiteral(node: ValueNode, path: string, depth: number, variables: Record<string, unknown>, out: InputIssue[]): void {
  switch (node.kind) {
    case Kind.VARIABLE:
      return jsonIssues(variables[node.name.value], path, out, depth);
    case Kind.STRING: {
      const problem = textProblem(node.value, INPUT_LIMITS.jsonText);
      if (problem) out.push({ path, message: problem });
      return;
    }
    case Kind.LIST:
    case Kind.OBJECT:
      if (depth >= INPUT_LIMITS.jsonDepth) {
        out.push({ path, message: `is nested deeper than ${INPUT_LIMITS.jsonDepth} levels` });
        return;
      }
      if (node.kind === Kind.LIST) {
        if (node.values.length > INPUT_LIMITS.jsonListLength) {
          out.push({ path, message: `must hold at most ${INPUT_LIMITS.jsonListLength} elements (got ${node.values.length})` });
          return;
        }
        node.values.forEach((v, i) => checkJsonLiteral(v, `${path}[${i}]`, depth + 1, variables, out));
        return;
      }
      if (node.fields.length > INPUT_LIMITS.jsonKeys) {
        out.push({ path, message: `must hold at most ${INPUT_LIMITS.jsonKeys} keys (got ${node.fields.length})` });
        return;
      }
      for (const field of node.fields) {
        const key = field.name.value; // a GraphQL name: no NUL, no surrogates
        if (key.length > INPUT_LIMITS.jsonKeyLength)
          out.push({ path: keyPath(path, key), message: `key must be at most ${INPUT_LIMITS.jsonKeyLength} characters` });
        else checkJsonLiteral(field.value, `${path}.${key}`, depth + 1, variables, out);
      }
      return;
    default:
  }
}

/**
 * Walks one argument's value (a literal, or a variable's value) along its input type. Values of
 * the wrong shape are left alone: GraphQL's own coercion refuses them with its message.
 */
function checkInput(
  value: { node: ValueNode } | { js: unknown },
  type: GraphQLInputType,
  path: string,
  name: string,
  variables: Record<string, unknown>,
  out: InputIssue[],
): void {
  if ('node' in value && value.node.kind === Kind.VARIABLE) {
    return checkInput({ js: variables[value.node.name.value] }, type, path, name, variables, out);
  }
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items =
      'node' in value
        ? value.node.kind === Kind.LIST
          ? value.node.values.map((node) => ({ node }))
          : [value]
        : Array.isArray(value.js)
          ? value.js.map((js) => ({ js }))
          : [value];
    const single = items.length === 1 && items[0] === value;
    items.forEach((item, i) => checkInput(item, nullable.ofType, single ? path : `${path}[${i}]`, name, variables, out));
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    if ('node' in value) {
      if (value.node.kind !== Kind.OBJECT) return;
      for (const f of value.node.fields) {
        const def = fields[f.name.value];
        if (def) checkInput({ node: f.value }, def.type, `${path}.${def.name}`, def.name, variables, out);
      }
    } else if (value.js !== null && typeof value.js === 'object' && !Array.isArray(value.js)) {
      for (const [key, js] of Object.entries(value.js)) {
        const def = fields[key];
        if (def) checkInput({ js }, def.type, `${path}.${key}`, key, variables, out);
      }
    }
    return;
  }
  if (!isScalarType(nullable)) return; // enums are checked by GraphQL
  if (nullable.name === 'JSON') {
    if ('node' in value) checkJsonLiteral(value.node, path, 0, variables, out);
    else jsonIssues(value.js, path, out);
    return;
  }
  const text = 'node' in value ? (value.node.kind === Kind.STRING ? value.node.value : undefined) : value.js;
  if (typeof text !== 'string') return;
  const problem = textProblem(text, INPUT_LIMITS.text[name] ?? INPUT_LIMITS.otherText);
  if (problem) out.push({ path, message: problem });
}

/**
 * Every problem of the text and JSON given to the operation's arguments, each at the path of
 * its field (`input.justification`, `accounts[3].attributes.note`), whether written in the
 * query or passed as a variable. Exported for tests.
 */
export function inputIssues(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): InputIssue[] {
  const out: InputIssue[] = [];
  for (const arg of argumentsOf(schema, document)) checkInput({ node: arg.value }, arg.type, arg.name, arg.name, variables, out);
  return out;
}

type DocumentArgument = { value: ValueNode; type: GraphQLInputType; name: string };

/**
 * The arguments of a document with their input types, in document order, per schema and
 * document. Apollo hands every request of the same query text the same parsed document, so the
 * walk with type information runs once per query text; only the values are checked per request.
 */
const argumentsByDocument = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentArgument[]>>();

function argumentsOf(schema: GraphQLSchema, document: DocumentNode): DocumentArgument[] {
  let documents = argumentsByDocument.get(schema);
  if (!documents) argumentsByDocument.set(schema, (documents = new WeakMap()));
  let found = documents.get(document);
  if (found) return found;
  found = [];
  const typeInfo = new TypeInfo(schema);
  const args = found;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const arg = typeInfo.getArgument();
        if (arg) args.push({ value: node.value, type: arg.type, name: arg.name });
        return false; // its value is walked per request, with the request's variables
      },
    }),
  );
  documents.set(document, found);
  return found;
}

/** Deepest bracket nesting of a query's text; its parser recurses per level and overflows at a few thousand. */
export const MAX_QUERY_NESTING = 64;

/**
 * Whether a query's brackets (`{`, `[`, `(`) nest deeper than MAX_QUERY_NESTING, outside
 * strings and comments. Checked on the raw text before GraphQL parses it, so a literal nested
 * thousands of levels deep is a client error, not a stack overflow in the parser.
 */
export function queryNestsTooDeep(query: string): boolean {
  let depth = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i);
    if (c === 0x23) {
      // '#': comment to the end of the line
      while (i < query.length && query.charCodeAt(i) !== 0x0a && query.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x22) {
      // '"': a string, or a """block string"""
      if (query.startsWith('"""', i)) {
        let end = query.indexOf('"""', i + 3);
        while (end > 0 && query.charCodeAt(end - 1) === 0x5c) end = query.indexOf('"""', end + 3); // \""" is escaped
        i = end < 0 ? query.length : end + 2;
      } else {
        for (i++; i < query.length && query.charCodeAt(i) !== 0x22; i++) if (query.charCodeAt(i) === 0x5c) i++;
      }
    } else if (c === 0x7b || c === 0x5b || c === 0x28) {
      if (++depth > MAX_QUERY_NESTING) return true;
    } else if (c === 0x7d || c === 0x5d || c === 0x29) {
      depth--;
    }
  }
  return false;
}

/**
 * Refuses, before anything executes, text the database cannot store (NUL, unpaired
 * surrogates), text longer than its field's limit, and JSON too deep or too wide to handle
 * safely: one check for every argument and every string inside JSON input.
 */
export function inputGuardPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const issues = inputIssues(schema, document, request.variables ?? {});
          if (issues.length === 0) return;
          throw new GraphQLError(issuesMessage(issues), {
            extensions: { code: 'BAD_USER_INPUT', ...reportedIssues(issues), http: { status: 400 } },
          });
        },
      };
    },
  };
}
