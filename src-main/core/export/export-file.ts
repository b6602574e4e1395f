// The file an export writes: `<chosen name>.partial` beside the chosen file while the run goes on,
// renamed to the chosen name when it ends. So a kill leaves nothing under the chosen name (a file
// the person agreed to replace is still the old one) and a `.partial` file whose every line is
// whole: each page is written with one write call, and a kill lands between two calls.
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { CoreError } from '../errors';

export class ExportFile {
  private bytes = 0;

  private constructor(
    readonly path: string,
    private readonly partial: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<ExportFile> {
    const partial = `${path}.partial`;
    try {
      return new ExportFile(path, partial, await open(partial, 'w'));
    } catch (error) {
      throw cannotWrite(path, error);
    }
  }

  get fileName(): string {
    return basename(this.path);
  }

  get written(): number {
    return this.bytes;
  }

  /** One page's lines, in one write call (looped only if the OS takes fewer bytes). */
  async write(text: string): Promise<void> {
    if (text === '') return;
    const data = Buffer.from(text, 'utf8');
    try {
      for (let at = 0; at < data.byteLength;) {
        const { bytesWritten } = await this.handle.write(data, at, data.byteLength - at);
        at += bytesWritten;
      }
    } catch (error) {
      throw cannotWrite(this.path, error);
    }
    this.bytes += data.byteLength;
  }

  /** Closes the file and gives it the chosen name. */
  async finish(): Promise<void> {
    try {
      await this.handle.sync();
      await this.handle.close();
      await rename(this.partial, this.path);
    } catch (error) {
      await unlink(this.partial).catch(() => undefined);
      throw cannotWrite(this.path, error);
    }
  }

  /** Closes and removes the partial file: nothing is left of a run that failed. */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await unlink(this.partial).catch(() => undefined);
  }
}

function cannotWrite(path: string, error: unknown): CoreError {
  const code = (error as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'the file could not be written';
  return new CoreError('invalid_input', `Junction could not save ${basename(path)} (${why}). Choose another folder and try again.`);
}
