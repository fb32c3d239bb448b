/// <reference lib="dom" />
/**
 * The live page's player: joins the session over the signalling socket (`/api/live/ws`, signed in
 * by the session cookie), receives the presenters' audio and video with mediasoup-client, keeps
 * the viewer counted with heartbeats, and carries the Q&A, the chat and the intent button.
 */
import { Device, types } from 'mediasoup-client';

interface Message {
  event: string;
  data: Record<string, unknown> & { requestId?: string | null; message?: string; code?: string };
}

interface Question {
  id: string;
  askerName: string;
  text: string;
  status: string;
  answer: string | null;
}

const RECONNECT_MS = 3000;

/** A request's refusal: the server's message in the page's language. */
class Refused extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Requests with ids and their replies; everything else the server says is news. */
class Signalling {
  private nextId = 1;
  private readonly waiting = new Map<string, (m: Message) => void>();

  private constructor(
    private readonly socket: WebSocket,
    onNews: (m: Message) => void,
  ) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as Message;
      const id = message.data?.requestId;
      const waiter = id ? this.waiting.get(id) : undefined;
      if (waiter && id) {
        this.waiting.delete(id);
        waiter(message);
      } else onNews(message);
    });
  }

  static open(onNews: (m: Message) => void): Promise<Signalling> {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/live/ws`);
    return new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(new Signalling(socket, onNews)), {
        once: true,
      });
      socket.addEventListener('error', () => reject(new Error('socket')), { once: true });
    });
  }

  onClose(listener: () => void): void {
    this.socket.addEventListener('close', listener, { once: true });
  }

  request<T = Record<string, unknown>>(event: string, data: object = {}): Promise<T> {
    const requestId = String(this.nextId++);
    return new Promise((resolve, reject) => {
      this.waiting.set(requestId, (reply) => {
        if (reply.event === 'error')
          reject(new Refused(reply.data.code, reply.data.message ?? reply.data.code ?? 'error'));
        else resolve(reply.data as T);
      });
      this.socket.send(JSON.stringify({ event, data: { ...data, requestId } }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

function element<T extends HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

/** The player and its forms, for one session. */
class LivePage {
  private signalling?: Signalling;
  private device?: Device;
  private transport?: types.Transport;
  private readonly consumers = new Map<string, types.Consumer>();
  private readonly stream = new MediaStream();
  private heartbeat?: number;
  private ended = false;
  private readonly root: HTMLElement;
  private readonly video: HTMLVideoElement;
  private readonly state: HTMLElement;
  private readonly sessionId: string;

  constructor(root: HTMLElement) {
    this.root = root;
    this.sessionId = root.dataset.session!;
    this.video = element<HTMLVideoElement>('live-video')!;
    this.state = element('live-state')!;
    this.wireForms();
  }

  /** A text the page rendered in its language; `%n` marks where a number goes. */
  private text(name: string, n?: number): string {
    const text = this.root.getAttribute(`data-t-${name}`) ?? name;
    return n === undefined ? text : text.replace('%n', String(n));
  }

  private say(text: string): void {
    this.state.textContent = text;
  }

  async start(): Promise<void> {
    this.say(this.text('joining'));
    try {
      this.signalling = await Signalling.open((m) => this.inBackground(this.hear(m)));
    } catch {
      return this.retry();
    }
    this.signalling.onClose(() => {
      if (!this.ended) this.retry();
    });
    await this.join();
  }

  private retry(): void {
    this.stopHeartbeat();
    this.resetMedia();
    this.say(this.text('lost'));
    window.setTimeout(() => this.inBackground(this.start()), RECONNECT_MS);
  }

  /** Work started without waiting: what it throws is said in the status line and logged. */
  inBackground(work: Promise<void>): void {
    work.catch((error: unknown) => {
      console.error(error);
      this.say(error instanceof Error ? error.message : String(error));
    });
  }

  private async join(): Promise<void> {
    const signalling = this.signalling!;
    let joined: {
      rtpCapabilities: types.RtpCapabilities;
      producers: { id: string; kind: string }[];
      heartbeatSeconds: number;
    };
    try {
      // A guest counts once by the cookie the server set when the socket opened.
      joined = await signalling.request('join', { sessionId: this.sessionId });
    } catch (error) {
      return this.refusedToJoin(error);
    }
    this.showForms();
    this.startHeartbeat(joined.heartbeatSeconds * 1000);
    this.say(this.text(joined.producers.length > 0 ? 'watching' : 'waiting'));
    try {
      if (!this.device) {
        this.device = new Device();
        await this.device.load({ routerRtpCapabilities: joined.rtpCapabilities });
      }
      for (const producer of joined.producers) await this.consume(producer.id);
    } catch (error) {
      this.say(error instanceof Error ? error.message : String(error));
    }
  }

  private refusedToJoin(error: unknown): void {
    const refused = error instanceof Refused ? error : undefined;
    this.say(refused?.message ?? String(error));
    if (refused?.code === 'LIVE_SESSION_ENDED') this.end();
    if (refused?.code === 'LIVE_SIGN_IN_REQUIRED')
      element('live-sign-in')?.removeAttribute('hidden');
  }

  /** The receiving transport, made when there is first something to receive. */
  private async receiving(): Promise<types.Transport> {
    if (this.transport) return this.transport;
    const signalling = this.signalling!;
    const options = await signalling.request<types.TransportOptions>('createTransport', {
      direction: 'recv',
    });
    const transport = this.device!.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, connected, failed) => {
      signalling
        .request('connectTransport', { transportId: transport.id, dtlsParameters })
        .then(() => connected(), failed);
    });
    this.transport = transport;
    return transport;
  }

  private async consume(producerId: string): Promise<void> {
    const transport = await this.receiving();
    const options = await this.signalling!.request<{
      id: string;
      producerId: string;
      kind: types.MediaKind;
      rtpParameters: types.RtpParameters;
    }>('consume', {
      transportId: transport.id,
      producerId,
      rtpCapabilities: this.device!.rtpCapabilities,
    });
    const consumer = await transport.consume(options);
    this.consumers.set(producerId, consumer);
    this.stream.addTrack(consumer.track);
    // Only now: a video element holding a stream without tracks delays the page's load event.
    if (!this.video.srcObject) this.video.srcObject = this.stream;
    await this.signalling!.request('resume', { consumerId: consumer.id });
    this.say(this.text('watching'));
    // A browser that blocks playing with sound until a click: the sound button offers the click.
    this.video.play().catch(() => element('live-sound')?.removeAttribute('hidden'));
    if (consumer.kind === 'audio' && this.video.muted)
      element('live-sound')?.removeAttribute('hidden');
  }

  private dropConsumer(producerId: string): void {
    const consumer = this.consumers.get(producerId);
    if (!consumer) return;
    this.stream.removeTrack(consumer.track);
    consumer.close();
    this.consumers.delete(producerId);
  }

  /** Media gone with a worker, or a rejoin: everything received is dropped, then joined again. */
  private resetMedia(): void {
    for (const producerId of [...this.consumers.keys()]) this.dropConsumer(producerId);
    this.transport?.close();
    this.transport = undefined;
  }

  private async hear(message: Message): Promise<void> {
    const data = message.data;
    switch (message.event) {
      case 'newProducer':
        await this.consume(String(data.producerId)).catch((error: unknown) =>
          this.say(String(error)),
        );
        break;
      case 'producerClosed':
        this.dropConsumer(String(data.producerId));
        break;
      case 'question':
        this.showQuestion(data as unknown as Question);
        break;
      case 'chat':
        this.showChat(String(data.name), String(data.text));
        break;
      case 'sessionMoved':
        this.say(this.text('moved'));
        this.resetMedia();
        this.stopHeartbeat();
        await this.join();
        break;
      case 'ended':
        this.end();
        break;
    }
  }

  private end(): void {
    this.ended = true;
    this.stopHeartbeat();
    this.resetMedia();
    this.say(this.text('ended'));
    for (const id of ['live-ask', 'live-chat-form', 'live-intent', 'live-guest', 'live-sound'])
      element(id)?.setAttribute('hidden', '');
    this.signalling?.close();
  }

  private startHeartbeat(everyMs: number): void {
    this.stopHeartbeat();
    const beat = (): void => {
      this.signalling
        ?.request<{ concurrent: number }>('heartbeat')
        .then(({ concurrent }) => {
          const viewers = element('live-viewers');
          if (viewers) viewers.textContent = this.text('viewers', concurrent);
        })
        .catch((error: unknown) => console.warn('heartbeat', error)); // the next beat tries again
    };
    beat();
    this.heartbeat = window.setInterval(beat, everyMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== undefined) window.clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private showForms(): void {
    for (const id of ['live-ask', 'live-chat-form', 'live-intent', 'live-guest'])
      element(id)?.removeAttribute('hidden');
  }

  /** The guest's chosen name, if the page asks for one. */
  private guestName(): { name?: string } {
    const name = element<HTMLInputElement>('live-name')?.value.trim();
    return name ? { name } : {};
  }

  private wireForms(): void {
    const sound = element<HTMLButtonElement>('live-sound');
    sound?.addEventListener('click', () => {
      this.video.muted = false;
      this.inBackground(this.video.play());
      sound.setAttribute('hidden', '');
    });
    this.onSubmit('live-ask', async (form) => {
      const text = form.querySelector<HTMLTextAreaElement>('textarea')!;
      await this.signalling!.request('ask', { text: text.value, ...this.guestName() });
      text.value = '';
      this.say(this.text('asked'));
    });
    this.onSubmit('live-chat-form', async (form) => {
      const text = form.querySelector<HTMLInputElement>('input')!;
      await this.signalling!.request('chat', { text: text.value, ...this.guestName() });
      text.value = '';
    });
    this.onSubmit('live-intent', async (form) => {
      const note = form.querySelector<HTMLTextAreaElement>('textarea')!.value.trim();
      // The viewer's separate consent to show the presenter their contacts: unticked unless chosen.
      const shareMyContacts = form.querySelector<HTMLInputElement>('#live-intent-share')!.checked;
      await this.signalling!.request('intent', { ...(note ? { note } : {}), shareMyContacts });
      form.querySelector('button')?.setAttribute('disabled', '');
      this.say(this.text('intent-done'));
    });
  }

  /** A form sent over the socket; a refusal is said in the status line. */
  private onSubmit(id: string, send: (form: HTMLFormElement) => Promise<void>): void {
    const form = element<HTMLFormElement>(id);
    form?.addEventListener('submit', (event) => {
      event.preventDefault();
      send(form).catch((error: unknown) =>
        this.say(error instanceof Error ? error.message : String(error)),
      );
    });
  }

  /** An approved or answered question appears (or is updated); a rejected one goes. */
  private showQuestion(question: Question): void {
    const list = element('live-questions')!;
    list.querySelector('[data-empty]')?.remove();
    let item = list.querySelector<HTMLElement>(`[data-question="${CSS.escape(question.id)}"]`);
    if (question.status !== 'approved' && question.status !== 'answered') {
      item?.remove();
      return;
    }
    if (!item) {
      item = document.createElement('li');
      item.dataset.question = question.id;
      list.append(item);
    }
    const line = document.createElement('p');
    const asker = document.createElement('strong');
    asker.textContent = question.askerName;
    line.append(asker, `：${question.text}`);
    item.replaceChildren(line);
    if (question.answer) {
      const answer = document.createElement('p');
      answer.className = 'meta';
      answer.textContent = `${this.text('answer')}：${question.answer}`;
      item.append(answer);
    } else if (question.status === 'answered') {
      const answered = document.createElement('p');
      answered.className = 'meta';
      answered.textContent = this.text('answered');
      item.append(answered);
    }
  }

  private showChat(name: string, text: string): void {
    const item = document.createElement('li');
    const who = document.createElement('strong');
    who.textContent = name;
    item.append(who, `：${text}`);
    element('live-chat')!.append(item);
  }
}

const root = element('live');
if (root) {
  const page = new LivePage(root);
  page.inBackground(page.start());
}
