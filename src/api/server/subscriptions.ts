/**
 * GraphQL subscriptions over the graphql-ws protocol on the GraphQL path. The key travels in the
 * connection_init payload ({"authorization": "Bearer <api key>"}); each subscription is checked
 * against the authorisation table, like any operation, before it starts.
 */
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { getOperationAST, GraphQLError, parse, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import type { ApiKeyService } from '../../use-cases/auth/api-key.service';
import { checkOperationRoles } from './authorization.plugin';
import type { Principal } from '../../model/role';
import type { AppContext } from '../../use-cases/context';
import type { Clock } from '../../common/clock';
import { fitChangeFeed, stopFitChangeFeed } from '../../use-cases/delivery/fit-change-feed';
import { createLoaders } from '../../use-cases/loaders';
import type { Logger } from '../../logger';

export interface Subscriptions {
  close(): Promise<void>;
}

export function attachSubscriptions(
  server: Server,
  schema: GraphQLSchema,
  ds: DataSource,
  clock: Clock,
  apiKeys: ApiKeyService,
  logger: Logger,
): Subscriptions {
  // Created (not started) here so that the feed logs as the server, not as its first subscriber's request.
  fitChangeFeed(ds, logger);
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const principals = new WeakMap<object, Principal>();
  const cleanup = useServer<Record<string, unknown>>(
    {
      schema,
      onConnect: async (ctx) => {
        const header = String(ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization ?? '');
        const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
        const principal = match ? await apiKeys.authenticate(ds.manager, match[1]) : null;
        if (!principal) return false; // closes with 4403 Forbidden
        principals.set(ctx.extra, principal);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const principal = principals.get(ctx.extra);
        if (!principal) return [new GraphQLError('Unknown or revoked API key', { extensions: { code: 'UNAUTHENTICATED' } })];
        let document;
        try {
          document = parse(payload.query);
        } catch (err) {
          return [err as GraphQLError];
        }
        const errors = validate(schema, document);
        if (errors.length) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('No operation to run', { extensions: { code: 'BAD_USER_INPUT' } })];
        const requestId = randomUUID();
        const contextValue: AppContext = {
          requestId,
          clientRequestId: null,
          principal,
          em: ds.manager,
          loaders: createLoaders(ds.manager, clock),
          clock,
          log: logger.child({ requestId, keyId: principal.keyId }),
        };
        try {
          checkOperationRoles(schema, document, operation, contextValue);
        } catch (err) {
          if (err instanceof GraphQLError) return [err];
          throw err;
        }
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
        return args;
      },
    },
    wss,
  );
  return {
    async close() {
      await cleanup.dispose();
      await stopFitChangeFeed(ds);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
