import { randomUUID } from 'node:crypto';
import { AuthUser } from 'src/common/auth/auth-user';
import { Attendance } from 'src/live/attendance';
import { SocketPass } from 'src/live/live-socket-gate';
import { LiveSocket } from 'src/live/live-socket.filter';
import { LiveError } from 'src/live/live.errors';

/** A connected person: who they are, and what they hold in the session they joined. */
export class Peer {
  readonly id = randomUUID();
  /** Who signed in (checked during the upgrade), or undefined for a guest. */
  readonly user: AuthUser | undefined;
  /** What counts a guest as one unique viewer: the server's id from the guest's signed cookie. */
  readonly guestId: string;
  /** The address the socket came from. */
  readonly address: string;
  attendance?: Attendance;
  routerId?: string;
  readonly transports = new Set<string>();
  readonly producers = new Set<string>();

  constructor(
    readonly socket: LiveSocket,
    pass: SocketPass,
  ) {
    this.user = pass.user;
    this.guestId = pass.guestId;
    this.address = pass.address;
  }

  /** The session the peer joined, or LIVE_NOT_JOINED. */
  attending(): Attendance {
    if (!this.attendance) throw LiveError.LIVE_NOT_JOINED({});
    return this.attendance;
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

  connect(socket: LiveSocket, pass: SocketPass): Peer {
    const peer = new Peer(socket, pass);
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
