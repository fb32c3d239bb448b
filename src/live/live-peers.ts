import { randomUUID } from 'node:crypto';
import { AuthUser } from 'src/common/auth/auth-user';
import { Attendance } from 'src/live/attendance';
import { LiveSocket } from 'src/live/live-socket.filter';
import { LiveError } from 'src/live/live.errors';

/** The least time between two chat lines or questions of one person. */
const SPEAK_INTERVAL_MS = 1000;

/** A connected person: who they are, and what they hold in the session they joined. */
export class Peer {
  readonly id = randomUUID();
  /** What counts a guest as one unique viewer; a client that rejoins sends it back. */
  guestId: string = randomUUID();
  attendance?: Attendance;
  routerId?: string;
  readonly transports = new Set<string>();
  readonly producers = new Set<string>();
  private lastSpokeAt = 0;

  constructor(
    readonly socket: LiveSocket,
    readonly user: Promise<AuthUser | undefined>,
  ) {}

  /** The session the peer joined, or LIVE_NOT_JOINED. */
  attending(): Attendance {
    if (!this.attendance) throw LiveError.LIVE_NOT_JOINED({});
    return this.attendance;
  }

  /** The session a peer speaks in (a question, a chat line), at most once a second. */
  speaking(): Attendance {
    const attendance = this.attending();
    const now = Date.now();
    if (now - this.lastSpokeAt < SPEAK_INTERVAL_MS) throw LiveError.LIVE_TOO_FAST({});
    this.lastSpokeAt = now;
    return attendance;
  }

  /** A peer only uses the transports it created. */
  ownTransport(transportId: string): void {
    if (!this.transports.has(transportId)) throw LiveError.LIVE_MEDIA_NOT_FOUND({ transportId });
  }
}

/**
 * This process's peers, by socket and by the session they joined. Bookkeeping only: what joining
 * or leaving does to the media and the audience counts is the gateway's.
 */
export class LivePeers {
  private readonly bySocket = new Map<LiveSocket, Peer>();
  private readonly bySession = new Map<string, Set<Peer>>();

  connect(socket: LiveSocket, user: Promise<AuthUser | undefined>): Peer {
    const peer = new Peer(socket, user);
    this.bySocket.set(socket, peer);
    return peer;
  }

  /** Forgets a closed socket; returns its peer, still in its session, for the gateway to let go. */
  disconnect(socket: LiveSocket): Peer | undefined {
    const peer = this.bySocket.get(socket);
    this.bySocket.delete(socket);
    return peer;
  }

  /** The socket's peer; messages before the connection was set up have none. */
  of(socket: LiveSocket): Peer {
    const peer = this.bySocket.get(socket);
    if (!peer) throw LiveError.LIVE_NOT_JOINED({});
    return peer;
  }

  enter(peer: Peer, attendance: Attendance): void {
    peer.attendance = attendance;
    const peers = this.bySession.get(attendance.sessionId) ?? new Set<Peer>();
    this.bySession.set(attendance.sessionId, peers.add(peer));
  }

  /** Takes the peer out of its session; returns the attendance it had, if it had joined one. */
  leave(peer: Peer): Attendance | undefined {
    const attendance = peer.attendance;
    if (!attendance) return undefined;
    peer.attendance = undefined;
    const peers = this.bySession.get(attendance.sessionId);
    peers?.delete(peer);
    if (peers?.size === 0) this.bySession.delete(attendance.sessionId);
    return attendance;
  }

  /** The session's peers in this process, as a list that later joins and leaves do not change. */
  in(sessionId: string): Peer[] {
    return [...(this.bySession.get(sessionId) ?? [])];
  }

  /** The sessions this process has peers in. */
  sessions(): string[] {
    return [...this.bySession.keys()];
  }

  /** An ended session: its peers hold nothing any more (their media closes with the session). */
  endSession(sessionId: string): void {
    for (const peer of this.in(sessionId)) {
      peer.attendance = undefined;
      peer.transports.clear();
      peer.producers.clear();
    }
    this.bySession.delete(sessionId);
  }
}
