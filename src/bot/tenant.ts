// Tenant allow-list. Bot Framework authentication proves the activity came through the Bot Service,
// not which Entra tenant the user is in, so we check the tenant ourselves before doing anything else.
import type { Lang } from '../triage/types';

export interface TenantCarrier {
  channelData?: unknown;
  conversation?: { tenantId?: string } | null;
}

/** The user's tenant: channelData.tenant.id (Teams), else conversation.tenantId. */
export function tenantOf(activity: TenantCarrier): string | undefined {
  const cd = activity.channelData as { tenant?: { id?: unknown } } | undefined | null;
  const fromChannelData = cd && typeof cd === 'object' && cd.tenant && typeof cd.tenant.id === 'string' ? cd.tenant.id : undefined;
  const id = fromChannelData ?? activity.conversation?.tenantId;
  return typeof id === 'string' && id.trim() !== '' ? id.trim().toLowerCase() : undefined;
}

/** Empty allow-list = every tenant. With a list, an activity without a tenant is refused (it cannot be checked). */
export function isTenantAllowed(tenantId: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  return tenantId !== undefined && allowed.includes(tenantId.toLowerCase());
}

export function tenantRefusal(lang: Lang): string {
  return lang === 'nl'
    ? 'Sorry, deze bot is niet beschikbaar voor jouw organisatie. Vraag de beheerder van de bot om je tenant toe te voegen.'
    : "Sorry, this bot isn't available to your organisation. Ask the bot's administrator to add your tenant.";
}
