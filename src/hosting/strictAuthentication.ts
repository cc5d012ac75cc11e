// botbuilder refuses most bad tokens with 401, but a token whose signature, format or "not before" fails
// jsonwebtoken's verify() escapes as a plain error, and CloudAdapter answers 500 with the error's message.
// A forged token is the caller's fault, not ours: this wrapper turns those errors into 401, with a
// fixed message, and passes everything else through unchanged. It is also where the ConnectorFactory
// (the clients replies are sent with) can be wrapped, e.g. by the outbound throttle.
import {
  AuthenticationError,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

// jsonwebtoken's error classes (JsonWebTokenError is the base of the other two).
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function asUnauthorized(err: unknown): unknown {
  if (err instanceof Error && JWT_ERRORS.has(err.name)) return new AuthenticationError('Unauthorized. The token is not valid.', 401);
  return err;
}

export class StrictAuthentication extends BotFrameworkAuthentication {
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly wrapFactory: (factory: ConnectorFactory) => ConnectorFactory = (f) => f,
  ) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await this.inner.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw asUnauthorized(err);
    }
    return result.connectorFactory ? { ...result, connectorFactory: this.wrapFactory(result.connectorFactory) } : result;
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (err) {
      throw asUnauthorized(err);
    }
    return result.connectorFactory ? { ...result, connectorFactory: this.wrapFactory(result.connectorFactory) } : result;
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    try {
      return await this.inner.authenticateChannelRequest(authHeader);
    } catch (err) {
      throw asUnauthorized(err);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.wrapFactory(this.inner.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): ReturnType<BotFrameworkAuthentication['createUserTokenClient']> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): ReturnType<BotFrameworkAuthentication['createBotFrameworkClient']> {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }
}
