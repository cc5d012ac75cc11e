// Files in a Teams message. In personal chat Teams sends each uploaded file as an attachment of type
// application/vnd.microsoft.teams.file.download.info whose content carries a short-lived, pre-authorised
// download URL (a plain GET, no bot token). In group chats and channels files are not delivered to bots.

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** One uploaded file as Teams describes it. The download URL carries a temporary credential: never log it. */
export interface TeamsFile {
  name: string;
  /** Lower-case extension without the dot, from Teams' fileType or else the name. */
  fileType: string;
  downloadUrl: string;
  uniqueId?: string;
}

/** The attachment fields read here (a botbuilder Attachment fits). */
export interface AttachmentLike {
  contentType?: string;
  contentUrl?: string;
  name?: string;
  content?: unknown;
}

function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name.trim());
  return m ? m[1].toLowerCase() : '';
}

/** The uploaded files of a message (personal chat); anything malformed is left out. */
export function teamsFiles(attachments: ReadonlyArray<AttachmentLike | null | undefined> | null | undefined): TeamsFile[] {
  const files: TeamsFile[] = [];
  for (const a of attachments ?? []) {
    if (!a || a.contentType !== FILE_DOWNLOAD_INFO || !a.content || typeof a.content !== 'object') continue;
    const c = a.content as Record<string, unknown>;
    if (typeof c.downloadUrl !== 'string' || c.downloadUrl === '') continue;
    const name = typeof a.name === 'string' && a.name.trim() !== '' ? a.name.trim() : 'file';
    const declared = typeof c.fileType === 'string' ? c.fileType.trim().replace(/^\./, '').toLowerCase() : '';
    files.push({
      name,
      fileType: declared || extensionOf(name),
      downloadUrl: c.downloadUrl,
      ...(typeof c.uniqueId === 'string' ? { uniqueId: c.uniqueId } : {}),
    });
  }
  return files;
}

/**
 * True when the message carries a file in a form bots cannot read outside personal chat: a download info,
 * a file reference, or any Teams file card. Inline images and the text/html copy of the message are not files.
 */
export function hasFileAttachment(attachments: ReadonlyArray<AttachmentLike | null | undefined> | null | undefined): boolean {
  return (attachments ?? []).some((a) => {
    const type = typeof a?.contentType === 'string' ? a.contentType.toLowerCase() : '';
    return type === FILE_DOWNLOAD_INFO || type === 'reference' || type.startsWith('application/vnd.microsoft.teams.file.') || type.startsWith('application/vnd.microsoft.teams.card.file.');
  });
}
