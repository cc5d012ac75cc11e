// What an IoT Hub device id may look like, and reading one a user typed after a command word.

/** IoT Hub device ids: up to 128 ASCII letters, digits and - . % _ * ? ! ( ) , : = @ $ ' */
const DEVICE_ID = /^[A-Za-z0-9\-.%_*?!(),:=@$']{1,128}$/;

export function isDeviceId(s: string): boolean {
  return DEVICE_ID.test(s);
}

/** The id a user typed (quotes and <> around it dropped), or `invalidId` when it cannot be one. */
export function typedDeviceId(raw: string | undefined): { deviceId?: string; invalidId?: true } {
  if (raw === undefined) return {};
  const id = raw.trim().replace(/^["'`<]+|["'`>]+$/g, '');
  return isDeviceId(id) ? { deviceId: id } : { invalidId: true };
}
