// Card templates (designer-compatible JSON in cards/) compiled once per process into plain functions
// (compileTemplate.ts): adaptivecards-templating evaluates Adaptive Expressions on every expansion,
// which cost more per reply than the triage itself. A test holds the two to the same output.
import { compileTemplate, type ExpandCompiled } from './compileTemplate';
import deviceJson from '../../cards/device.json';
import errorJson from '../../cards/error.json';
import examplesJson from '../../cards/examples.json';
import feedbackThanksJson from '../../cards/feedbackThanks.json';
import fleetJson from '../../cards/fleet.json';
import helpJson from '../../cards/help.json';
import kqlJson from '../../cards/kql.json';
import verdictJson from '../../cards/verdict.json';
import watchAlertJson from '../../cards/watchAlert.json';
import watchRecoveredJson from '../../cards/watchRecovered.json';
import welcomeJson from '../../cards/welcome.json';
import type { AdaptiveCard } from './types';

const SOURCES = {
  verdict: verdictJson,
  device: deviceJson,
  kql: kqlJson,
  help: helpJson,
  welcome: welcomeJson,
  examples: examplesJson,
  error: errorJson,
  feedbackThanks: feedbackThanksJson,
  fleet: fleetJson,
  watchAlert: watchAlertJson,
  watchRecovered: watchRecoveredJson,
} as const;

export type TemplateName = keyof typeof SOURCES;
export const TEMPLATE_NAMES = Object.keys(SOURCES) as TemplateName[];

const compiled = new Map<TemplateName, ExpandCompiled>();

/** The raw template JSON (for tests and tooling; do not mutate). */
export function templateSource(name: TemplateName): unknown {
  return SOURCES[name];
}

export function expand(name: TemplateName, data: Record<string, unknown>): AdaptiveCard {
  let template = compiled.get(name);
  if (!template) {
    template = compileTemplate(SOURCES[name]);
    compiled.set(name, template);
  }
  return template(data);
}
