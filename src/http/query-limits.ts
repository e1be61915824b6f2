import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  type ArgumentNode,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  Source,
  TokenKind,
  TypeInfo,
  type ValidationContext,
  type ValidationRule,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../db/keyset-page';
import { ErrorCode } from '../errors/error-code';
import { RequestError, type RequestErrorCode } from '../errors/request-error';
import type { JsonError } from './request-guards';

/**
 * What one GraphQL document may ask for. The real staff queries stay far inside these
 * (the deepest selection the schema allows is 8; the bookings page of bench:read costs
 * about 5,300, a page of 100 bookings with every field of each about 20,100); the tests hold both facts.
 */
export const QUERY_LIMITS = {
  /** Nested fields, fragments flattened. */
  maxDepth: 10,
  /**
   * graphql-armor's cost: 1 per scalar, 2 per object, each level weighted ×1.5, and a list
   * field's subtree multiplied by its page size (`first`, given or by default), rounded
   * up (operationCost). The same figure is what a token's budget is charged.
   */
  maxCost: 25_000,
  maxAliases: 15,
  maxDirectives: 20,
  /** Lexical tokens of the document; bounds parsing and everything after it. */
  maxTokens: 2_000,
  /** Brackets ({ [ () open at once anywhere in the document, values included. */
  maxNesting: 64,
} as const;

/** The code each limit's rejection carries; the formatter classifies them as VALIDATION. */
export const LIMIT_ERROR_CODES = {
  maxDepth: ErrorCode.QUERY_TOO_DEEP,
  maxCost: ErrorCode.QUERY_TOO_COMPLEX,
  maxAliases: ErrorCode.TOO_MANY_ALIASES,
  maxDirectives: ErrorCode.TOO_MANY_DIRECTIVES,
  maxTokens: ErrorCode.TOO_MANY_TOKENS,
} as const;

const BAD_REQUEST = { status: 400 };

/** graphql-armor words every rejection as a "Syntax Error"; ours say what was exceeded. */
function limitError(code: string, armorError: GraphQLError): GraphQLError {
  return new GraphQLError(armorError.message.replace(/^Syntax Error: /, ''), { extensions: { code, http: BAD_REQUEST } });
}

function reportAs(code: string) {
  return {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitError(code, error))],
  };
}

const OFF = { enabled: false };

/** The document-only limits, as validation rules: Apollo runs them once per distinct document. */
function documentRules(): ValidationRule[] {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ...reportAs(LIMIT_ERROR_CODES.maxDepth) },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...reportAs(LIMIT_ERROR_CODES.maxAliases) },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...reportAs(LIMIT_ERROR_CODES.maxDirectives) },
    // Cost depends on the variables: checked per request below.
    costLimit: OFF,
    // Its Apollo plugin turns any unexpected error into a validation error carrying the
    // internal message; tokens are counted before parsing instead (refuseOversizedDocuments).
    maxTokens: OFF,
    // Apollo hides suggestions itself in production (hideSchemaDetailsFromClientErrors).
    blockFieldSuggestion: OFF,
  }).protect().validationRules as ValidationRule[];
}

/**
 * graphql-armor's cost rule, reporting the figure of every operation it sees to `sink`
 * instead of judging it: the limit is compared below, and the same figure is what a
 * token's budget is charged (src/http/cost-budget-plugin.ts).
 */
function costRule(sink: (figure: number) => void): ValidationRule {
  const [rule] = new ApolloArmor({
    costLimit: {
      maxCost: Number.POSITIVE_INFINITY,
      flattenFragments: true,
      propagateOnRejection: false,
      onAccept: [(_context, details: { n: number }) => sink(details.n)],
    },
    maxDepth: OFF,
    maxAliases: OFF,
    maxDirectives: OFF,
    maxTokens: OFF,
    blockFieldSuggestion: OFF,
  }).protect().validationRules;
  return rule as ValidationRule;
}

function pageSizeOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, MAX_PAGE_SIZE) : 1;
}

/** A page size given by a variable: its value, else its declared default. */
function variableSize(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, name: string): unknown {
  if (variables?.[name] !== undefined && variables[name] !== null) return variables[name];
  const definition = operation.variableDefinitions?.find((d) => d.variable.name.value === name);
  return definition?.defaultValue?.kind === Kind.INT ? Number(definition.defaultValue.value) : undefined;
}

/** The variables a document passes as `first` or `last`: all its cost can depend on beside the document. */
const sizeVariablesOf = new WeakMap<DocumentNode, string[]>();
function sizeVariables(document: DocumentNode): string[] {
  let names = sizeVariablesOf.get(document);
  if (!names) {
    const found = new Set<string>();
    visit(document, {
      Argument(node) {
        if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE) found.add(node.value.name.value);
      },
    });
    names = [...found].sort();
    sizeVariablesOf.set(document, names);
  }
  return names;
}

/**
 * The document with every page size written out as a literal: graphql-armor multiplies a
 * list's cost by `first` only when it is one, so a page size passed in a variable or left
 * to its default would otherwise count as 1.
 */
export function withEffectivePageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const sizeArguments = typeInfo.getFieldDef()?.args.filter((arg) => arg.name === 'first' || arg.name === 'last') ?? [];
        if (!sizeArguments.length) return undefined;
        // A list paged either way is sized by whichever of first and last has a value
        // (clients paging both ways send both, one null); the literal replaces both.
        const given = node.arguments?.filter((arg) => arg.name.value === 'first' || arg.name.value === 'last') ?? [];
        if (given.length === 1 && given[0].value.kind === Kind.INT) return undefined;
        const values = given
          .map((arg) =>
            arg.value.kind === Kind.INT
              ? Number(arg.value.value)
              : arg.value.kind === Kind.VARIABLE
                ? variableSize(operation, variables, arg.value.name.value)
                : undefined,
          )
          .filter((value) => value !== undefined && value !== null);
        // No schema default (a list paged both ways has none on first) means the lists' own default.
        const size = values.length ? Math.max(...values.map(pageSizeOf)) : (sizeArguments[0].defaultValue ?? DEFAULT_PAGE_SIZE);
        const literal: ArgumentNode = {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'first' },
          value: { kind: Kind.INT, value: String(pageSizeOf(size)) },
        };
        return { ...node, arguments: [...(node.arguments ?? []).filter((arg) => !given.includes(arg)), literal] };
      },
    }),
  );
}

/** Costs kept per document: one for each operation and page sizes it was sent with. */
const COSTS_PER_DOCUMENT = 100;

/** graphql-armor's figure for a document of one operation, which its visitor reports while validate() runs, synchronously. */
function armorFigure(schema: GraphQLSchema, document: DocumentNode): number {
  let figure = 0;
  validate(schema, document, [
    costRule((n) => {
      figure = n;
    }),
  ]);
  return figure;
}

const costsOf = new WeakMap<DocumentNode, Map<string, number>>();

/**
 * What the operation about to run costs: graphql-armor's figure for it (see
 * QUERY_LIMITS.maxCost) with its page sizes as its variables give them, rounded up to a
 * whole number. A mutation is weighed as a query is, by what it selects. The figure
 * depends only on the document (Apollo keeps one object per distinct text), the operation
 * and those page sizes, so it is computed once for each and kept with the document.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number {
  const sizes = sizeVariables(document).map((name) => pageSizeOf(variableSize(operation, variables, name)));
  const key = `${operation.name?.value ?? ''}|${sizes.join(',')}`;
  let known = costsOf.get(document);
  if (!known) {
    known = new Map();
    costsOf.set(document, known);
  }
  let cost = known.get(key);
  if (cost === undefined) {
    // The operation alone, with the fragments it may spread: another operation of the document is not this request's.
    const alone: DocumentNode = { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
    cost = Math.ceil(armorFigure(schema, withEffectivePageSizes(schema, alone, operation, variables)));
    if (known.size >= COSTS_PER_DOCUMENT) known.clear();
    known.set(key, cost);
  }
  return cost;
}

/** Cost, once the operation and its variables are known: past QUERY_LIMITS.maxCost, nothing runs. */
function costLimitPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables);
          if (cost > QUERY_LIMITS.maxCost) {
            throw new GraphQLError(`Query Cost limit of ${QUERY_LIMITS.maxCost} exceeded, found ${cost}.`, {
              extensions: { code: LIMIT_ERROR_CODES.maxCost, http: BAD_REQUEST },
            });
          }
        },
      };
    },
  };
}

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** Which size limit a document breaks, found in one pass of the lexer, which neither recurses nor reads past the limit. */
export function documentSizeProblem(query: string): { code: RequestErrorCode; message: string } | undefined {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > QUERY_LIMITS.maxTokens) return { code: LIMIT_ERROR_CODES.maxTokens, message: `Token limit of ${QUERY_LIMITS.maxTokens} exceeded.` };
      if (OPENING.has(token.kind) && ++nesting > QUERY_LIMITS.maxNesting) {
        return { code: LIMIT_ERROR_CODES.maxDepth, message: `Brackets nested deeper than ${QUERY_LIMITS.maxNesting} levels.` };
      }
      if (CLOSING.has(token.kind)) nesting--;
    }
  } catch {
    // Not even lexically valid: the parser will say where.
  }
  return undefined;
}

/**
 * Tokens and nesting, checked before GraphQL parses the document: graphql-js's parser
 * recurses once per nested bracket and overflows the stack somewhere past a thousand.
 */
export function refuseOversizedDocuments(jsonError: JsonError): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
    const problem = typeof query === 'string' ? documentSizeProblem(query) : undefined;
    if (!problem) return next();
    jsonError(req, res, 400, new RequestError(problem.message, problem.code));
  };
}

/** What ApolloServer needs to enforce QUERY_LIMITS. */
export function queryLimits() {
  return {
    validationRules: documentRules(),
    plugins: [costLimitPlugin()],
    // Checked before parsing (refuseOversizedDocuments); here again in case a request ever
    // reaches Apollo another way.
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
  };
}
