// The "Sessions" view: environments, and under each the sessions with a status icon, profile, device and
// the time remaining, counting down live, then a "QoS assignments" group (QoS Provisioning) when there are any.
// With no session or assignment at all the tree is empty, and VS Code shows the view's welcome.
import * as vscode from 'vscode';
import type { Environments } from '../vscode/environments';
import { hasEnded, remaining, type SessionRegistry, type TrackedAssignment, type TrackedSession } from '../core/sessions/session-registry';

export type SessionsNode =
  | { kind: 'environment'; id: string; label: string }
  | { kind: 'session'; environmentId: string; session: TrackedSession }
  | { kind: 'assignments'; environmentId: string }
  | { kind: 'assignment'; environmentId: string; assignment: TrackedAssignment };

export class SessionsTree implements vscode.TreeDataProvider<SessionsNode>, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<SessionsNode | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  readonly #timer: NodeJS.Timeout;
  readonly #subscriptions: vscode.Disposable[];

  constructor(
    private readonly registry: SessionRegistry,
    private readonly environments: Environments,
  ) {
    this.#subscriptions = [registry.onDidChange(() => this.refresh()), environments.onDidChange(() => this.refresh())];
    // The countdown: refresh each second while some session is running.
    this.#timer = setInterval(() => {
      if (registry.environments().some((id) => registry.active(id).length > 0)) this.refresh();
    }, 1000);
  }

  refresh(): void {
    this.#changed.fire(undefined);
  }

  getChildren(node?: SessionsNode): SessionsNode[] {
    if (!node) {
      // No session anywhere: an empty tree, so that VS Code shows the view's welcome (viewsWelcome) instead.
      const empty = (id: string) => this.registry.list(id).length === 0 && this.registry.assignments(id).length === 0;
      if (this.registry.environments().every(empty)) return [];
      const ids = new Set([this.environments.activeId, ...this.registry.environments()]);
      return this.environments
        .choices()
        .filter((c) => ids.has(c.id))
        .map((c) => ({ kind: 'environment', id: c.id, label: c.label }));
    }
    if (node.kind === 'environment') {
      const sessions = this.registry.list(node.id).map((session): SessionsNode => ({ kind: 'session', environmentId: node.id, session }));
      const group: SessionsNode[] = this.registry.assignments(node.id).length ? [{ kind: 'assignments', environmentId: node.id }] : [];
      return [...sessions, ...group];
    }
    if (node.kind === 'assignments') {
      return this.registry
        .assignments(node.environmentId)
        .map((assignment) => ({ kind: 'assignment', environmentId: node.environmentId, assignment }));
    }
    return [];
  }

  getTreeItem(node: SessionsNode): vscode.TreeItem {
    if (node.kind === 'environment') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.contextValue = 'environment';
      item.iconPath = new vscode.ThemeIcon(node.id === this.environments.activeId ? 'globe' : 'circle-outline');
      item.id = `env:${node.id}`;
      return item;
    }
    if (node.kind === 'assignments') {
      const item = new vscode.TreeItem(vscode.l10n.t('QoS assignments'), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `assignments:${node.environmentId}`;
      item.description = vscode.l10n.t('QoS Provisioning: until revoked');
      item.contextValue = 'assignments';
      item.iconPath = new vscode.ThemeIcon('pin');
      return item;
    }
    if (node.kind === 'assignment') return assignmentItem(node.environmentId, node.assignment);
    const { session } = node;
    const item = new vscode.TreeItem(session.id.slice(0, 8), vscode.TreeItemCollapsibleState.None);
    item.id = `session:${node.environmentId}:${session.id}`;
    item.description = [session.qosProfile, session.device, remaining(session), session.unreadable].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(
      [
        `**${session.id}**`,
        `status: ${session.status}${session.statusInfo ? ` (${session.statusInfo})` : ''}`,
        `profile: ${session.qosProfile}, ${session.durationSeconds} s`,
        ...(session.device ? [`device: ${session.device}`] : []),
        ...(session.expiresAt ? [`expires: ${session.expiresAt}`] : []),
        ...(session.readableWith
          ? [`read with: ${session.readableWith === 'application' ? 'the application (2-legged)' : session.readableWith}`]
          : []),
        ...(session.unreadable ? [`⚠ ${session.unreadable}: sign in as its device or application to read, extend or delete it`] : []),
      ].join('  \n'),
    );
    item.iconPath = statusIcon(session);
    item.contextValue = hasEnded(session) ? 'session-ended' : 'session-active';
    return item;
  }

  dispose(): void {
    clearInterval(this.#timer);
    for (const s of this.#subscriptions) s.dispose();
    this.#changed.dispose();
  }
}

function assignmentItem(environmentId: string, a: TrackedAssignment): vscode.TreeItem {
  const item = new vscode.TreeItem(a.id.slice(0, 8), vscode.TreeItemCollapsibleState.None);
  item.id = `assignment:${environmentId}:${a.id}`;
  const status = `${a.status}${a.statusInfo ? ` (${a.statusInfo})` : ''}`;
  item.description = [a.qosProfile, a.device, status].filter(Boolean).join(' · ');
  item.tooltip = new vscode.MarkdownString(
    [
      `**${a.id}**`,
      `status: ${status}`,
      `profile: ${a.qosProfile} (assigned until revoked)`,
      ...(a.device ? [`device: ${a.device}`] : []),
      ...(a.startedAt ? [`started: ${a.startedAt}`] : []),
    ].join('  \n'),
  );
  const ended = a.status === 'UNAVAILABLE';
  item.iconPath = ended
    ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
    : a.status === 'AVAILABLE'
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
      : new vscode.ThemeIcon('loading~spin');
  item.contextValue = ended ? 'assignment-ended' : 'assignment-active';
  return item;
}

function statusIcon(session: TrackedSession): vscode.ThemeIcon {
  if (hasEnded(session)) return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  if (session.unreadable) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  if (session.status === 'AVAILABLE') return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  if (session.status === 'REQUESTED') return new vscode.ThemeIcon('loading~spin');
  return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
}
