// "QoD: Open Playground": one panel (a singleton), restored after a reload by the serializer; a panel whose
// saved state is not ours is disposed rather than half-shown.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { parseWebviewMessage, type HostToWebview, type NotificationMap } from '../../shared/protocol';
import type { Services } from '../services';
import { PlaygroundController } from './controller';
import { renderPlaygroundHtml } from './html';

export const PLAYGROUND_VIEW_TYPE = 'qod.playground';

/** "QoD: Open Playground": shows the one panel, and marks the walkthrough step. */
export function openPlaygroundPanel(s: Services): PlaygroundPanel {
  return PlaygroundPanel.createOrShow(s);
}

export class PlaygroundPanel implements vscode.Disposable {
  static current: PlaygroundPanel | undefined;
  /** Every message sent to the webview, for the tests that check no secret ever crosses. */
  readonly sent: HostToWebview[] = [];
  readonly #controller: PlaygroundController;
  readonly #disposables: vscode.Disposable[] = [];
  #ready = false;
  #queue: HostToWebview[] = [];

  static createOrShow(s: Services): PlaygroundPanel {
    if (PlaygroundPanel.current) {
      PlaygroundPanel.current.panel.reveal();
      return PlaygroundPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      PLAYGROUND_VIEW_TYPE,
      'QoD Playground',
      vscode.ViewColumn.One,
      PlaygroundPanel.options(s),
    );
    PlaygroundPanel.current = new PlaygroundPanel(s, panel);
    return PlaygroundPanel.current;
  }

  static revive(s: Services, panel: vscode.WebviewPanel, state: unknown): void {
    if (typeof state !== 'object' || state === null || !('version' in state) || state.version !== 1) {
      panel.dispose();
      return;
    }
    panel.webview.options = PlaygroundPanel.options(s);
    PlaygroundPanel.current?.dispose();
    PlaygroundPanel.current = new PlaygroundPanel(s, panel);
  }

  static options(s: Services): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    // The editor's own find widget (Ctrl+F) searches the answers, the trace and the exchange.
    return {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(s.context.extensionUri, 'dist', 'webview')],
    };
  }

  private constructor(
    private readonly s: Services,
    readonly panel: vscode.WebviewPanel,
  ) {
    this.#controller = new PlaygroundController(s, (m) => this.post(m));
    // However it opened (the command, the API, restored after a reload), the walkthrough's step is done.
    s.reached('qod.playgroundOpened');
    const asset = (name: string) =>
      panel.webview.asWebviewUri(vscode.Uri.joinPath(s.context.extensionUri, 'dist', 'webview', name)).toString();
    panel.webview.html = renderPlaygroundHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: asset('playground.js'),
      styleUri: asset('playground.css'),
    });
    this.#disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        void this.receive(raw);
      }),
      s.onExchange((e) => {
        if (this.#ready) this.#controller.exchange(e);
      }),
      s.environments.onDidChange(() => {
        if (this.#ready) {
          void this.#controller.pushState().catch(() => undefined);
          this.#controller.pushSessions();
        }
      }),
      s.registry.onDidChange(() => {
        if (this.#ready) this.#controller.pushSessions();
      }),
      s.onNotification(({ environmentId, notification: n }) => {
        if (this.#ready && environmentId === s.environments.activeId)
          this.post({
            type: 'notification',
            method: 'didReceiveNotification',
            params: { sessionId: n.sessionId, status: n.qosStatus, statusInfo: n.statusInfo },
          });
      }),
    );
  }

  /** A message from the webview, untrusted until the guard has read it. Public so tests can speak as the page. */
  async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.s.log.error('playground: dropped a message that is not part of the protocol');
      return;
    }
    if (message.type === 'command' && message.method === 'ready') this.#flush();
    await this.#controller.handle(message);
  }

  post(message: HostToWebview): void {
    this.sent.push(message);
    if (this.sent.length > 1000) this.sent.shift();
    if (!this.#ready) {
      this.#queue.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  /** A request file's answer in the response view (queued until a new page is ready, like every message). */
  showResult(result: NotificationMap['didShowResult']): void {
    this.panel.reveal(undefined, true);
    this.post({ type: 'notification', method: 'didShowResult', params: result });
  }

  #flush(): void {
    this.#ready = true;
    for (const message of this.#queue.splice(0)) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (PlaygroundPanel.current === this) PlaygroundPanel.current = undefined;
    for (const d of this.#disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
