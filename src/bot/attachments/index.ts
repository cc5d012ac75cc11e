// Files sent to the bot (personal chat): recognise, download within limits, decode, triage.
export { teamsFiles, hasFileAttachment, FILE_DOWNLOAD_INFO, type TeamsFile, type AttachmentLike } from './teamsFiles';
export { allowedDownloadUrl, isAllowedFileType, ALLOWED_FILE_TYPES, ALLOWED_HOST_SUFFIXES, DEFAULT_MAX_FILE_BYTES, DEFAULT_DOWNLOAD_TIMEOUT_MS } from './downloadPolicy';
export { createFileDownloader, type FileDownloader, type FileDownloaderOptions, type DownloadOutcome, type DownloadFailure } from './fileDownloader';
export { decodeText, type DecodedText } from './decodeText';
export { fileCommand } from './fileCommand';
export { fileText } from './fileMessages';
