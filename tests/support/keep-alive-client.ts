import http from 'node:http';

export interface Answer {
  /** The HTTP status, or undefined when the connection failed before a response. */
  status?: number;
  body?: any;
  headers?: http.IncomingHttpHeaders;
  /** The socket error: ECONNRESET, ECONNREFUSED, … */
  error?: string;
}

/**
 * A GraphQL client over keep-alive connections, as a browser or a partner's HTTP client
 * holds them: what shutdown must not betray. Every answer is recorded as the client saw
 * it, a dropped connection included.
 */
export function keepAliveClient(url: string, token: string, sockets = 20) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const target = new URL(url);
  return {
    send(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
      const body = JSON.stringify({ query, variables });
      return new Promise((resolve) => {
        const request = http.request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body), ...headers },
          },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk) => {
              text += chunk;
            });
            response.on('end', () => {
              let parsed: unknown;
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = text;
              }
              resolve({ status: response.statusCode, body: parsed, headers: response.headers });
            });
            response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
          },
        );
        request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        request.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
