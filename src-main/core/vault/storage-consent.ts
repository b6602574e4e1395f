import { CoreError } from '../errors';
import type { Cipher } from '../options';

/** What the write that needs consent is, for the words of its refusal. */
export type ConsentSubject = 'sign-in' | 'refresh' | 'client-secret';

/**
 * Whether token material or a client secret may be encrypted with the cipher right now. On a
 * machine with no real key store (`cipher.secure === false`) that takes the person's consent,
 * and consent is read at every write, not once when a sign-in starts: it can be withdrawn at any
 * moment (`settings.acceptInsecureStorage { accept: false }`).
 */
export class StorageConsent {
  constructor(
    private readonly cipher: Pick<Cipher, 'secure' | 'backend'>,
    private readonly accepted: () => boolean,
  ) {}

  get allowed(): boolean {
    return this.cipher.secure || this.accepted();
  }

  /** Throws `not_configured`, saying to accept weaker storage in Settings, unless the write may happen now. */
  assert(subject: ConsentSubject): void {
    if (!this.allowed) throw this.refusal(subject);
  }

  refusal(subject: ConsentSubject): CoreError {
    const store = `This computer offers no secure key store (${this.cipher.backend})`;
    switch (subject) {
      case 'sign-in':
        return new CoreError(
          'not_configured',
          `${store}, so saved sign-ins would be only lightly protected. Accept weaker storage in Settings to connect accounts anyway.`,
        );
      case 'refresh':
        return new CoreError(
          'not_configured',
          `${store} and weaker storage is not accepted, so Junction may not save the renewed sign-in of this account. Accept weaker storage in Settings to keep using it.`,
        );
      case 'client-secret':
        return new CoreError(
          'not_configured',
          `${store}, so a saved client secret would be only lightly protected. Accept weaker storage in Settings to save it anyway.`,
        );
    }
  }
}
