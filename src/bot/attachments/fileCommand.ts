// A file sent to the bot in personal chat: check its type, download it within the limits, decode it,
// and triage its text like a paste (any text typed with it goes first). Each refusal is a short,
// friendly text; the download URL (a temporary credential) is never logged or shown.
import { pasteCommand } from '../commands/pasteCommand';
import type { HandlerContext, Reply } from '../reply';
import { decodeText } from './decodeText';
import { isAllowedFileType } from './downloadPolicy';
import type { FileDownloader } from './fileDownloader';
import { fileText } from './fileMessages';
import type { TeamsFile } from './teamsFiles';

export async function fileCommand(files: readonly TeamsFile[], typedText: string, ctx: HandlerContext, downloader: FileDownloader): Promise<Reply[]> {
  const lang = ctx.lang;
  const file = files.find((f) => isAllowedFileType(f.fileType));
  if (!file) return [{ type: 'text', text: fileText.wrongType(files[0]?.name ?? 'file', lang) }];

  const outcome = await downloader.download(file.downloadUrl);
  const log = { event: 'file', fileType: file.fileType, files: files.length, ms: outcome.ms };
  if (!outcome.ok) {
    ctx.services.logger.warn({ ...log, ok: false, reason: outcome.reason, status: outcome.status }, 'file download refused or failed');
    if (outcome.reason === 'too-large') return [{ type: 'text', text: fileText.tooLarge(file.name, downloader.maxBytes, lang) }];
    return [{ type: 'text', text: fileText.downloadFailed(file.name, lang) }];
  }
  const decoded = decodeText(outcome.bytes);
  ctx.services.logger.info({ ...log, ok: decoded.ok, bytes: outcome.bytes.byteLength }, 'file downloaded');
  if (!decoded.ok) return [{ type: 'text', text: fileText.notText(file.name, lang) }];
  if (decoded.text.trim() === '') return [{ type: 'text', text: fileText.empty(file.name, lang) }];

  const text = typedText.trim() === '' ? decoded.text : `${typedText.trim()}\n${decoded.text}`;
  const replies: Reply[] = [await pasteCommand(text, ctx)];
  if (files.length > 1) replies.push({ type: 'text', text: fileText.onlyFirst(file.name, files.length - 1, lang) });
  return replies;
}
