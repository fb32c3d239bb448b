import { Injectable } from '@nestjs/common';
import { OutgoingAttachment, StoredAttachment } from 'src/notifications/outbox-message.entity';

/** Makes a file for `key` when a message carrying it is sent; null when its subject is gone. */
export type AttachmentSource = (key: string) => Promise<string | Buffer | null>;

/**
 * Where features register the files they attach by reference (`{ source: { kind, key } }`) rather
 * than store in every message: an event's calendar file is made when each reminder is sent, from
 * the event as it is then, instead of being repeated in thousands of rows.
 */
@Injectable()
export class OutboxAttachments {
  private readonly sources = new Map<string, AttachmentSource>();

  register(kind: string, source: AttachmentSource): void {
    this.sources.set(kind, source);
  }

  /** The files to send: stored ones as they are, referenced ones made now (or left out if gone). */
  async files(attachments: StoredAttachment[]): Promise<OutgoingAttachment[]> {
    const files = await Promise.all(
      attachments.map(async (a): Promise<OutgoingAttachment | null> => {
        if (!('source' in a)) return a;
        const make = this.sources.get(a.source.kind);
        if (!make) throw new Error(`no attachment source named ${a.source.kind}`);
        const content = await make(a.source.key);
        return content === null
          ? null
          : { filename: a.filename, contentType: a.contentType, content };
      }),
    );
    return files.filter((f): f is OutgoingAttachment => f !== null);
  }
}
