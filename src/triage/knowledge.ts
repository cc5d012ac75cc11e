// Knowledge base: explanation and fix steps per finding kind, verdict headlines, note texts and
// short per-code explanations, in English and Dutch. Data in one place, so every layer (cards, CLI,
// the LLM grounding check) shows the same facts. Source of the facts: the IoT Hub 401003 / 404104 /
// error-code troubleshooting articles (MicrosoftDocs/azure-docs, articles/iot-hub/
// iot-hub-troubleshoot-error-401003-iothubunauthorized.md and troubleshoot-error-codes.md).
// Entries are static text: callers show a finding's details (device, thumbprints, times) separately.
import { redact } from './redact';
import { lookupToken } from './codes';
import type { FindingKind, Lang, Note, NoteCode, Verdict } from './types';

export const KB_VERSION = 1;

export interface KnowledgeEntry {
  /** Short title, e.g. "Token-expiry churn (benign)". */
  title: string;
  /** One or two sentences: what this means. */
  explanation: string;
  /** Ordered fix steps (may be empty for benign kinds). */
  fix: string[];
  /** 'none' = no action needed, 'fix' = action needed, 'info' = advisory. */
  action: 'none' | 'fix' | 'info';
  /** Documentation link. */
  docUrl?: string;
}

export interface VerdictText {
  headline: string;
  summary: string;
}

/** learn.microsoft.com articles the entries point to (locale-less: the site picks the reader's language). */
export const DOC_URLS = {
  unauthorized401003: 'https://learn.microsoft.com/azure/iot-hub/iot-hub-troubleshoot-error-401003-iothubunauthorized',
  closedRemotely404104: 'https://learn.microsoft.com/azure/iot-hub/iot-hub-troubleshoot-error-404104-deviceconnectionclosedremotely',
  errorCodes: 'https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes',
  sas: 'https://learn.microsoft.com/azure/iot-hub/authenticate-authorize-sas',
  x509: 'https://learn.microsoft.com/azure/iot-hub/authenticate-authorize-x509',
  rbac: 'https://learn.microsoft.com/azure/iot-hub/authenticate-authorize-azure-ad',
} as const;

interface EntryText {
  title: string;
  explanation: string;
  fix: readonly string[];
}

interface KindData {
  action: KnowledgeEntry['action'];
  docUrl: string;
  en: EntryText;
  nl: EntryText;
}

// Repeated steps are written once so the English and Dutch lists cannot drift apart.
const SHOW_DEVICE_EN = 'Look the device up in the hub: az iot hub device-identity show -n <hub> -d <device> (device IDs are case-sensitive).';
const SHOW_DEVICE_NL = 'Zoek het device op in de hub: az iot hub device-identity show -n <hub> -d <device> (device-ID\'s zijn hoofdlettergevoelig).';
const CLOCK_EN = 'Check the device clock: more than 5 minutes off and IoT Hub refuses its tokens; fix NTP time sync on the device.';
const CLOCK_NL = 'Controleer de klok van het device: wijkt die meer dan 5 minuten af, dan weigert IoT Hub de tokens; zorg dat NTP-tijdsynchronisatie werkt.';
const RUN_KQL_EN = 'Get the hub-side error message for this device from the Connections resource logs (run the KQL query): it says which check failed.';
const RUN_KQL_NL = 'Haal de foutmelding aan de hub-kant voor dit device uit de Connections-resourcelogs (draai de KQL-query): daarin staat welke controle faalde.';
const FORMAT_EN =
  'Check the credential is well formed for the protocol (MQTT: client ID = device ID, user name <hub>.azure-devices.net/<device>/?api-version=…, password = the SAS token) and, for a token signed with a policy (skn=), that the policy has the DeviceConnect permission.';
const FORMAT_NL =
  'Controleer of de credentials goed zijn opgebouwd voor het protocol (MQTT: client-ID = device-ID, gebruikersnaam <hub>.azure-devices.net/<device>/?api-version=…, wachtwoord = het SAS-token) en, bij een token dat met een policy (skn=) getekend is, of die policy het recht DeviceConnect heeft.';
const X509_EXPIRY_EN = 'For X.509: check that the device certificate and its CA certificate are not expired (openssl x509 -in device.pem -noout -dates).';
const X509_EXPIRY_NL = 'Bij X.509: controleer of het devicecertificaat en het CA-certificaat niet verlopen zijn (openssl x509 -in device.pem -noout -dates).';

const KB: Record<FindingKind, KindData> = {
  'device-in-other-hub': {
    action: 'fix',
    docUrl: DOC_URLS.unauthorized401003,
    en: {
      title: 'Device registered in another hub',
      explanation:
        'The hub the device connects to has no identity with this ID, but another of your hubs has it: the device\'s connection string (HostName) or its DPS assignment points at the wrong hub, for example test instead of production.',
      fix: [
        'Point the device at the hub that has its identity: correct the HostName in its connection string, or re-provision it through DPS so it receives the right hub.',
        'If the device should live in the hub it connects to, create its identity there (az iot hub device-identity create -n <hub> -d <device>) with the credentials it already uses, and delete the stale one.',
        SHOW_DEVICE_EN,
      ],
    },
    nl: {
      title: 'Device geregistreerd in een andere hub',
      explanation:
        'De hub waarmee het device verbindt kent geen identity met dit ID, maar een andere hub van jullie wel: de connection string (HostName) of de DPS-toewijzing van het device wijst naar de verkeerde hub, bijvoorbeeld test in plaats van productie.',
      fix: [
        'Laat het device verbinden met de hub die zijn identity heeft: corrigeer de HostName in de connection string, of provision het opnieuw via DPS zodat het de juiste hub krijgt.',
        'Hoort het device in de hub waarmee het verbindt, maak daar dan de identity aan (az iot hub device-identity create -n <hub> -d <device>) met de credentials die het al gebruikt, en verwijder de oude.',
        SHOW_DEVICE_NL,
      ],
    },
  },
  'token-expiry-churn': {
    action: 'none',
    docUrl: DOC_URLS.unauthorized401003,
    en: {
      title: 'Token-expiry churn (benign)',
      explanation:
        'The SAS token expired, IoT Hub disconnected the device with 401003 IoTHubUnauthorized, the connection closed with 404104 DeviceConnectionClosedRemotely, and the SDK reconnected with a fresh token shortly after. ' +
        'This is how the IoT SDKs renew tokens over MQTT when they connect with a connection string (default token lifespan 60 minutes in every SDK); it is expected and harmless.',
      fix: [
        'No action needed: an SDK that connects with a device connection string creates a new token and reconnects by itself.',
        'Only if the number of these log entries matters: use the C SDK (it renews the token before it expires), or AMQP (it renews the token without disconnecting), or lengthen the SAS token lifetime.',
      ],
    },
    nl: {
      title: 'Token-verloop-churn (onschuldig)',
      explanation:
        'Het SAS-token was verlopen, IoT Hub verbrak de verbinding met 401003 IoTHubUnauthorized, de verbinding werd gesloten met 404104 DeviceConnectionClosedRemotely en de SDK maakte kort daarna opnieuw verbinding met een nieuw token. ' +
        'Zo vernieuwen de IoT SDK\'s hun tokens over MQTT als ze met een connection string verbinden (standaard levensduur van een token: 60 minuten in alle SDK\'s); dit is normaal en onschuldig.',
      fix: [
        'Geen actie nodig: een SDK die met een device connection string verbindt, maakt zelf een nieuw token aan en verbindt opnieuw.',
        'Alleen als het aantal van deze logregels een probleem is: gebruik de C SDK (die vernieuwt het token vóór het verloopt), of AMQP (dat vernieuwt het token zonder de verbinding te verbreken), of verleng de levensduur van het SAS-token.',
      ],
    },
  },
  'unrecovered-unauthorized': {
    action: 'fix',
    docUrl: DOC_URLS.unauthorized401003,
    en: {
      title: 'Repeated 401003 without a successful reconnect',
      explanation:
        'The device keeps getting 401003 IoTHubUnauthorized and never connects successfully again. Token-expiry churn recovers within a minute; this does not, so IoT Hub is rejecting the credential itself.',
      fix: [
        RUN_KQL_EN,
        SHOW_DEVICE_EN + ' Check that it exists, is enabled, and uses the authentication type the device expects.',
        'For SAS: check the device uses the current primary or secondary key (after a key regeneration devices often still have the old one) and that its token is not expired.',
        'For X.509: check the device certificate and its CA certificate are not expired and the thumbprint (or CA) is registered in the hub.',
        FORMAT_EN,
        CLOCK_EN,
      ],
    },
    nl: {
      title: 'Herhaalde 401003 zonder geslaagde herverbinding',
      explanation:
        'Het device krijgt steeds 401003 IoTHubUnauthorized en komt niet meer succesvol binnen. Token-verloop-churn herstelt binnen een minuut; dit niet, dus IoT Hub weigert de credentials zelf.',
      fix: [
        RUN_KQL_NL,
        SHOW_DEVICE_NL + ' Controleer of het bestaat, enabled is en het authenticatietype gebruikt dat het device verwacht.',
        'Bij SAS: controleer of het device de huidige primary of secondary key gebruikt (na het opnieuw genereren van keys hebben devices vaak nog de oude) en of het token niet verlopen is.',
        'Bij X.509: controleer of het devicecertificaat en het CA-certificaat niet verlopen zijn en of de thumbprint (of de CA) in de hub geregistreerd is.',
        FORMAT_NL,
        CLOCK_NL,
      ],
    },
  },
  'authorization-header-missing': {
    action: 'fix',
    docUrl: DOC_URLS.sas,
    en: {
      title: 'Authorization header missing',
      explanation:
        'The request reached IoT Hub without a credential: no Authorization header (HTTPS), no password (MQTT) or no token (AMQP), so the hub could not authenticate it.',
      fix: [
        'Check that the client sends a credential: for HTTPS the Authorization header must hold "SharedAccessSignature sr=…&sig=…&se=…"; for MQTT the password must be the SAS token.',
        'If you build requests or tokens yourself, compare them with the SAS token format in the documentation, or use an Azure IoT SDK with the device connection string instead.',
        'For X.509 devices: check that the client presents its certificate in the TLS handshake and that the connection string has x509=true.',
      ],
    },
    nl: {
      title: 'Authorization-header ontbreekt',
      explanation:
        'Het verzoek kwam zonder credentials bij IoT Hub aan: geen Authorization-header (HTTPS), geen wachtwoord (MQTT) of geen token (AMQP), dus de hub kon het niet authenticeren.',
      fix: [
        'Controleer of de client credentials meestuurt: bij HTTPS moet de Authorization-header "SharedAccessSignature sr=…&sig=…&se=…" bevatten; bij MQTT moet het wachtwoord het SAS-token zijn.',
        'Bouw je requests of tokens zelf, vergelijk ze dan met het SAS-tokenformaat in de documentatie, of gebruik een Azure IoT SDK met de device connection string.',
        'Bij X.509-devices: controleer of de client zijn certificaat in de TLS-handshake aanbiedt en of de connection string x509=true bevat.',
      ],
    },
  },
  'device-not-registered': {
    action: 'fix',
    docUrl: DOC_URLS.unauthorized401003,
    en: {
      title: 'Device not registered in this hub',
      explanation:
        'The hub has no device with this ID: it was never created, it was deleted, or the device connects to a different hub than the one it is registered in (test vs production, or re-provisioned by DPS).',
      fix: [
        SHOW_DEVICE_EN,
        'Check that the HostName in the device\'s connection string is the hub you expect.',
        'If the device uses DPS, check which hub it was assigned to and re-provision it if needed.',
        'If the identity was deleted, create it again (az iot hub device-identity create -n <hub> -d <device>) and give the device its new credentials.',
      ],
    },
    nl: {
      title: 'Device niet geregistreerd in deze hub',
      explanation:
        'De hub kent geen device met dit ID: het is nooit aangemaakt, het is verwijderd, of het device verbindt met een andere hub dan waarin het geregistreerd is (test of productie, of door DPS naar een andere hub gezet).',
      fix: [
        SHOW_DEVICE_NL,
        'Controleer of de HostName in de connection string van het device de hub is die je verwacht.',
        'Gebruikt het device DPS, kijk dan aan welke hub het is toegewezen en provision het zo nodig opnieuw.',
        'Is de identity verwijderd, maak die dan opnieuw aan (az iot hub device-identity create -n <hub> -d <device>) en geef het device de nieuwe credentials.',
      ],
    },
  },
  'authorization-rule-denied': {
    action: 'fix',
    docUrl: DOC_URLS.sas,
    en: {
      title: 'Shared access policy does not allow this operation',
      explanation:
        'The token was signed with a shared access policy (skn=) that lacks the permission this operation needs, e.g. a registryRead token used to connect a device, or the service policy used to change the registry.',
      fix: [
        'Check which policy signed the token (skn=) and which permission the operation needs: DeviceConnect, ServiceConnect, RegistryRead or RegistryWrite.',
        'Use a policy that has that permission, or add the permission to the policy in the portal (IoT Hub > Shared access policies).',
        'Devices should connect with their own device key (a device-scoped token without skn=), not with a hub-level policy.',
      ],
    },
    nl: {
      title: 'Shared access policy staat deze bewerking niet toe',
      explanation:
        'Het token is getekend met een shared access policy (skn=) die niet het recht heeft dat deze bewerking nodig heeft, bijvoorbeeld een registryRead-token om een device te verbinden, of de service-policy om het register te wijzigen.',
      fix: [
        'Kijk met welke policy het token getekend is (skn=) en welk recht de bewerking nodig heeft: DeviceConnect, ServiceConnect, RegistryRead of RegistryWrite.',
        'Gebruik een policy met dat recht, of voeg het recht toe aan de policy in de portal (IoT Hub > Shared access policies).',
        'Devices horen te verbinden met hun eigen device key (een device-token zonder skn=), niet met een policy op hubniveau.',
      ],
    },
  },
  'authentication-failed': {
    action: 'fix',
    docUrl: DOC_URLS.unauthorized401003,
    en: {
      title: 'Authentication failed for this device',
      explanation:
        'IoT Hub could not authenticate the device\'s token or certificate: the token is expired or signed with a key the hub no longer has, or the certificate is expired or not trusted.',
      fix: [
        'For SAS: create a new token from the device\'s current primary or secondary key and reconnect; check that its expiry (se=) lies in the future.',
        'For SAS: check that the key on the device matches a key registered for it (keys may have been regenerated).',
        X509_EXPIRY_EN,
        'For CA-signed X.509: check that the CA certificate is uploaded and verified in the hub (Certificates).',
        CLOCK_EN,
      ],
    },
    nl: {
      title: 'Authenticatie mislukt voor dit device',
      explanation:
        'IoT Hub kon het token of certificaat van het device niet authenticeren: het token is verlopen of getekend met een key die de hub niet meer heeft, of het certificaat is verlopen of niet vertrouwd.',
      fix: [
        'Bij SAS: maak een nieuw token met de huidige primary of secondary key van het device en verbind opnieuw; controleer dat de vervaltijd (se=) in de toekomst ligt.',
        'Bij SAS: controleer of de key op het device overeenkomt met een key die voor het device geregistreerd is (keys kunnen opnieuw gegenereerd zijn).',
        X509_EXPIRY_NL,
        'Bij X.509 met een CA: controleer of het CA-certificaat in de hub geüpload en geverifieerd is (Certificates).',
        CLOCK_NL,
      ],
    },
  },
  'thumbprint-mismatch': {
    action: 'fix',
    docUrl: DOC_URLS.x509,
    en: {
      title: 'Certificate thumbprint does not match the registration',
      explanation:
        'The device presented an X.509 certificate whose thumbprint matches neither the primary nor the secondary thumbprint registered for it; this typically follows a certificate renewal on the device that was not registered in the hub.',
      fix: [
        "Compare the device certificate's SHA-1/SHA-256 thumbprint with the registered primary/secondary thumbprint (az iot hub device-identity show -n <hub> -d <device>).",
        'Compute the thumbprint of the certificate on the device: openssl x509 -in device.pem -noout -fingerprint -sha256 (or -sha1); drop the colons before comparing.',
        'Update the registered thumbprint (secondary first, then swap) so the device keeps working during the roll-over: az iot hub device-identity update -n <hub> -d <device> --set authentication.x509Thumbprint.secondaryThumbprint=<new thumbprint>.',
        'If the device should still use the old certificate, put that certificate back on the device instead.',
      ],
    },
    nl: {
      title: 'Thumbprint van het certificaat komt niet overeen met de registratie',
      explanation:
        'Het device bood een X.509-certificaat aan waarvan de thumbprint niet overeenkomt met de primary of secondary thumbprint die voor het device geregistreerd is (in Nederlandstalige meldingen: "Duimafdruk komt niet overeen met de configuratie"); meestal is het certificaat op het device vernieuwd zonder het in de hub te registreren.',
      fix: [
        'Vergelijk de SHA-1/SHA-256-thumbprint van het devicecertificaat met de geregistreerde primary/secondary thumbprint (az iot hub device-identity show -n <hub> -d <device>).',
        'Bereken de thumbprint van het certificaat op het device: openssl x509 -in device.pem -noout -fingerprint -sha256 (of -sha1); haal de dubbele punten weg voor je vergelijkt.',
        'Werk de geregistreerde thumbprint bij (eerst de secondary, daarna omwisselen) zodat het device tijdens de overgang blijft werken: az iot hub device-identity update -n <hub> -d <device> --set authentication.x509Thumbprint.secondaryThumbprint=<nieuwe thumbprint>.',
        'Moet het device nog het oude certificaat gebruiken, zet dat certificaat dan terug op het device.',
      ],
    },
  },
  'sas-signature-invalid': {
    action: 'fix',
    docUrl: DOC_URLS.sas,
    en: {
      title: 'SAS token signature does not match the device keys',
      explanation:
        'The token\'s signature matches neither the primary nor the secondary key: the device signs with an old or wrong key (often after a key regeneration), or the signed resource URI (sr=) differs from the one sent.',
      fix: [
        'Compare the key the device uses with the registered primary and secondary keys (az iot hub device-identity show -n <hub> -d <device>); after a key regeneration the device still has the old one.',
        'Give the device its current connection string (az iot hub device-identity connection-string show -n <hub> -d <device>) and restart the client.',
        'If the token is built by hand: sign urlencode(lowercase(sr)) + a newline + se with HMAC-SHA256 using the base64-decoded key, then base64- and URL-encode the signature.',
        'Regenerate keys one at a time (secondary first) so that devices on the other key keep working.',
      ],
    },
    nl: {
      title: 'Handtekening van het SAS-token past niet bij de device keys',
      explanation:
        'De handtekening van het token komt niet overeen met de primary of de secondary key: het device tekent met een oude of verkeerde key (vaak na het opnieuw genereren van keys), of de getekende resource-URI (sr=) wijkt af van wat er verstuurd wordt.',
      fix: [
        'Vergelijk de key die het device gebruikt met de geregistreerde primary en secondary key (az iot hub device-identity show -n <hub> -d <device>); na het opnieuw genereren heeft het device nog de oude.',
        'Geef het device de actuele connection string (az iot hub device-identity connection-string show -n <hub> -d <device>) en herstart de client.',
        'Bouw je het token zelf: teken urlencode(lowercase(sr)) + een newline + se met HMAC-SHA256 met de base64-gedecodeerde key, en base64- en URL-encodeer daarna de handtekening.',
        'Genereer keys één voor één opnieuw (eerst de secondary) zodat devices op de andere key blijven werken.',
      ],
    },
  },
  'sas-token-expired': {
    action: 'fix',
    docUrl: DOC_URLS.sas,
    en: {
      title: 'SAS token expired',
      explanation:
        'The token\'s expiry time (se=) lies in the past. An SDK that creates tokens from a device key renews them by itself; a hand-made token, or a connection string with a fixed SharedAccessSignature=, cannot be renewed by the SDK.',
      fix: [
        'Create a new token (az iot hub generate-sas-token -n <hub> -d <device> --du <seconds>), or better: let the SDK create tokens from the device key.',
        'If the device\'s connection string holds SharedAccessSignature=, replace it with a SharedAccessKey connection string, or renew the token before se= passes.',
        CLOCK_EN,
      ],
    },
    nl: {
      title: 'SAS-token verlopen',
      explanation:
        'De vervaltijd van het token (se=) ligt in het verleden. Een SDK die tokens maakt met een device key vernieuwt ze zelf; een zelfgemaakt token, of een connection string met een vaste SharedAccessSignature=, kan de SDK niet vernieuwen.',
      fix: [
        'Maak een nieuw token (az iot hub generate-sas-token -n <hub> -d <device> --du <seconden>), of beter: laat de SDK de tokens maken met de device key.',
        'Staat er SharedAccessSignature= in de connection string van het device, vervang die dan door een connection string met SharedAccessKey, of vernieuw het token voordat se= verstreken is.',
        CLOCK_NL,
      ],
    },
  },
  'sas-token-wrong-scope': {
    action: 'fix',
    docUrl: DOC_URLS.sas,
    en: {
      title: 'SAS token has the wrong scope for this request',
      explanation:
        'The token\'s resource URI (sr=) or policy (skn=) does not fit the request: e.g. a service-scoped or hub-level token used by a device, a token for another device or hub, or a device token used by a module.',
      fix: [
        'Check that sr= names this hub and this device: <hub>.azure-devices.net/devices/<device> (plus /modules/<module> for a module).',
        'Devices use a device-scoped token without skn=; tokens with skn= (iothubowner, service, registryRead, …) are for back-end applications.',
        'Create a device-scoped token: az iot hub generate-sas-token -n <hub> -d <device> (add -m <module> for a module).',
      ],
    },
    nl: {
      title: 'SAS-token heeft de verkeerde scope voor dit verzoek',
      explanation:
        'De resource-URI (sr=) of policy (skn=) van het token past niet bij het verzoek: bijvoorbeeld een service- of hub-token dat door een device gebruikt wordt, een token voor een ander device of een andere hub, of een device-token dat door een module gebruikt wordt.',
      fix: [
        'Controleer of sr= deze hub en dit device noemt: <hub>.azure-devices.net/devices/<device> (plus /modules/<module> voor een module).',
        'Devices gebruiken een device-token zonder skn=; tokens met skn= (iothubowner, service, registryRead, …) zijn voor back-endapplicaties.',
        'Maak een device-token: az iot hub generate-sas-token -n <hub> -d <device> (voeg -m <module> toe voor een module).',
      ],
    },
  },
  'credentials-rejected': {
    action: 'fix',
    docUrl: DOC_URLS.unauthorized401003,
    en: {
      title: 'IoT Hub rejected the credentials',
      explanation:
        'The client reports that IoT Hub refused its credentials (MQTT "Not authorized", CredentialError, RefusedNotAuthorized, BAD_CREDENTIAL or an HTTP 401) and keeps failing. The client-side error does not say why; the hub\'s Connections logs do.',
      fix: [
        RUN_KQL_EN,
        'Check the device\'s connection string: HostName is this hub, DeviceId matches the registered ID exactly, and the key is the current primary or secondary key.',
        SHOW_DEVICE_EN + ' Check that it exists and is enabled.',
        'For X.509: check that the certificate is not expired and that its thumbprint or CA is registered in the hub.',
        FORMAT_EN,
        CLOCK_EN,
      ],
    },
    nl: {
      title: 'IoT Hub weigerde de credentials',
      explanation:
        'De client meldt dat IoT Hub zijn credentials weigerde (MQTT "Not authorized", CredentialError, RefusedNotAuthorized, BAD_CREDENTIAL of een HTTP 401) en het blijft mislukken. De foutmelding aan de clientkant zegt niet waarom; de Connections-logs van de hub wel.',
      fix: [
        RUN_KQL_NL,
        'Controleer de connection string van het device: HostName is deze hub, DeviceId is precies het geregistreerde ID en de key is de huidige primary of secondary key.',
        SHOW_DEVICE_NL + ' Controleer of het bestaat en enabled is.',
        'Bij X.509: controleer of het certificaat niet verlopen is en of de thumbprint of de CA in de hub geregistreerd is.',
        FORMAT_NL,
        CLOCK_NL,
      ],
    },
  },
  'rbac-permission-missing': {
    action: 'fix',
    docUrl: DOC_URLS.rbac,
    en: {
      title: 'Azure RBAC role missing for this principal',
      explanation:
        'A Microsoft Entra ID principal (user, app or managed identity) called the IoT Hub data plane without an Azure RBAC role that allows the operation ("Principal … is not authorized for GET on … due to no assigned permissions").',
      fix: [
        'Assign the principal an IoT Hub data-plane role on the hub, e.g. IoT Hub Data Reader (read) or IoT Hub Data Contributor (read and write); IoT Hub Data Owner grants everything: az role assignment create --assignee <principal> --role "IoT Hub Data Contributor" --scope <hub resource ID>.',
        'Wait a few minutes for the role assignment to take effect, then get a new token and retry.',
        'Check that the principal in the error is the identity you expect (e.g. the app\'s managed identity, not a user).',
      ],
    },
    nl: {
      title: 'Azure RBAC-rol ontbreekt voor deze principal',
      explanation:
        'Een Microsoft Entra ID-principal (gebruiker, app of managed identity) riep het data plane van IoT Hub aan zonder een Azure RBAC-rol die de bewerking toestaat ("Principal … is not authorized for GET on … due to no assigned permissions").',
      fix: [
        'Ken de principal een data-plane-rol op de hub toe, bijvoorbeeld IoT Hub Data Reader (lezen) of IoT Hub Data Contributor (lezen en schrijven); IoT Hub Data Owner geeft alle rechten: az role assignment create --assignee <principal> --role "IoT Hub Data Contributor" --scope <resource-ID van de hub>.',
        'Wacht een paar minuten tot de roltoewijzing actief is, haal dan een nieuw token op en probeer het opnieuw.',
        'Controleer of de principal in de foutmelding de identiteit is die je verwacht (bijvoorbeeld de managed identity van de app, niet een gebruiker).',
      ],
    },
  },
  'device-disabled': {
    action: 'fix',
    docUrl: DOC_URLS.errorCodes,
    en: {
      title: 'Device identity is disabled',
      explanation: 'The device identity is disabled in the hub\'s registry, so IoT Hub refuses its connections whatever credential it presents.',
      fix: [
        'Check the status and status reason: az iot hub device-identity show -n <hub> -d <device> --query "{status:status, reason:statusReason}".',
        'Find out who disabled it and why (the hub\'s activity log, your device-management process) before enabling it again.',
        'Enable it again: az iot hub device-identity update -n <hub> -d <device> --status enabled.',
      ],
    },
    nl: {
      title: 'Device-identity staat op disabled',
      explanation: 'De device-identity staat in het register van de hub op disabled, dus IoT Hub weigert de verbindingen, welke credentials het device ook aanbiedt.',
      fix: [
        'Controleer de status en de reden: az iot hub device-identity show -n <hub> -d <device> --query "{status:status, reason:statusReason}".',
        'Zoek uit wie het device heeft uitgeschakeld en waarom (activity log van de hub, jullie device-managementproces) voordat je het weer inschakelt.',
        'Schakel het weer in: az iot hub device-identity update -n <hub> -d <device> --status enabled.',
      ],
    },
  },
  'auth-type-mismatch': {
    action: 'fix',
    docUrl: DOC_URLS.x509,
    en: {
      title: 'Authentication method does not match the registration',
      explanation:
        'The device authenticates with a different method than its identity is registered for: e.g. it presents a SAS token while registered for X.509 (or the reverse), or its connection string has x509=true for a SAS device.',
      fix: [
        'Check the registered authentication type: az iot hub device-identity show -n <hub> -d <device> --query authentication.type (sas, selfSigned or certificateAuthority).',
        'Configure the device for the registered method (a SharedAccessKey connection string for SAS; x509=true plus the certificate for X.509), or change the identity\'s authentication method to the one the device uses.',
      ],
    },
    nl: {
      title: 'Authenticatiemethode past niet bij de registratie',
      explanation:
        'Het device authenticeert met een andere methode dan waarvoor de identity geregistreerd is: bijvoorbeeld een SAS-token terwijl het voor X.509 geregistreerd is (of andersom), of x509=true in de connection string van een SAS-device.',
      fix: [
        'Controleer het geregistreerde authenticatietype: az iot hub device-identity show -n <hub> -d <device> --query authentication.type (sas, selfSigned of certificateAuthority).',
        'Configureer het device voor de geregistreerde methode (een connection string met SharedAccessKey voor SAS; x509=true plus het certificaat voor X.509), of zet de authenticatiemethode van de identity op wat het device gebruikt.',
      ],
    },
  },
  'clock-skew': {
    action: 'fix',
    docUrl: DOC_URLS.unauthorized401003,
    en: {
      title: 'Device clock is off',
      explanation:
        'The device clock is more than about 5 minutes off, so IoT Hub sees freshly made tokens as expired or not yet valid (and certificates can fall outside their validity window).',
      fix: [
        'Synchronise the device clock with NTP (e.g. chrony, systemd-timesyncd or w32time) and make sure it stays right after a reboot (RTC battery).',
        'If the device cannot reach an NTP server, allow UDP port 123 to a time source or set the time from a trusted source at boot.',
        'After fixing the clock, let the SDK create a new token and reconnect.',
      ],
    },
    nl: {
      title: 'Klok van het device loopt verkeerd',
      explanation:
        'De klok van het device wijkt meer dan ongeveer 5 minuten af, waardoor IoT Hub net gemaakte tokens als verlopen of nog niet geldig ziet (en certificaten buiten hun geldigheidsperiode kunnen vallen).',
      fix: [
        'Synchroniseer de klok van het device met NTP (bijvoorbeeld chrony, systemd-timesyncd of w32time) en zorg dat die na een herstart goed blijft (RTC-batterij).',
        'Kan het device geen NTP-server bereiken, sta dan UDP-poort 123 naar een tijdbron toe of zet de tijd bij het opstarten vanuit een vertrouwde bron.',
        'Laat de SDK na het herstellen van de klok een nieuw token maken en opnieuw verbinden.',
      ],
    },
  },
  'secret-exposed': {
    action: 'info',
    docUrl: DOC_URLS.sas,
    en: {
      title: 'A secret was pasted',
      explanation:
        'The paste contained a secret (a shared access key, a SAS signature or a private key). It was redacted before analysis, but the original message is still in the chat and may be in other logs.',
      fix: [
        'Delete the original message (or edit the secret out of it).',
        'Rotate the exposed key: az iot hub device-identity renew-key -n <hub> -d <device> --key-type primary (or secondary), or for a policy key az iot hub policy renew-key -n <hub> --name <policy> --renew-key primary; then give the legitimate clients the new key.',
        'A pasted SAS token on its own stops working at its expiry (se=): if that is soon, letting it expire is enough; otherwise rotate the key that signed it.',
        'For a pasted private key: revoke and replace the device certificate.',
      ],
    },
    nl: {
      title: 'Er is een geheim geplakt',
      explanation:
        'De geplakte tekst bevatte een geheim (een shared access key, een SAS-handtekening of een private key). Dat is vóór de analyse weggelakt, maar het oorspronkelijke bericht staat nog in de chat en mogelijk in andere logs.',
      fix: [
        'Verwijder het oorspronkelijke bericht (of haal het geheim eruit).',
        'Vervang de gelekte key: az iot hub device-identity renew-key -n <hub> -d <device> --key-type primary (of secondary), of voor een policy-key az iot hub policy renew-key -n <hub> --name <policy> --renew-key primary; geef daarna de legitieme clients de nieuwe key.',
        'Een geplakt SAS-token werkt vanzelf niet meer na de vervaltijd (se=): is dat binnenkort, dan is laten verlopen genoeg; anders vervang je de key waarmee het getekend is.',
        'Bij een geplakte private key: trek het devicecertificaat in en vervang het.',
      ],
    },
  },
  'other-iothub-error': {
    action: 'info',
    docUrl: DOC_URLS.errorCodes,
    en: {
      title: 'Other IoT Hub error (not authentication)',
      explanation: 'IoT Hub reported an error that is not an authentication problem; the error code says what happened.',
      fix: [
        'Look the error code up in the IoT Hub error-code reference and follow its guidance.',
        'Transient server errors (500xxx, 503003, 504101) and throttling (429001) clear with retry and backoff, which the SDKs do by default; if they persist, check Azure status or open a support request.',
      ],
    },
    nl: {
      title: 'Andere IoT Hub-fout (geen authenticatie)',
      explanation: 'IoT Hub meldde een fout die geen authenticatieprobleem is; de foutcode zegt wat er gebeurde.',
      fix: [
        'Zoek de foutcode op in het overzicht van IoT Hub-foutcodes en volg de aanwijzingen daar.',
        'Tijdelijke serverfouten (500xxx, 503003, 504101) en throttling (429001) verdwijnen met retry en backoff, wat de SDK\'s standaard doen; houden ze aan, kijk dan op Azure-status of open een supportverzoek.',
      ],
    },
  },
};

// Shown for a kind this version does not know (e.g. a newer finding read from JSON): degrade, don't crash.
const UNKNOWN_KIND: Record<Lang, EntryText> = {
  en: {
    title: 'Unrecognised finding',
    explanation: 'This finding is not described in this version of the knowledge base.',
    fix: [],
  },
  nl: {
    title: 'Onbekende bevinding',
    explanation: 'Deze bevinding staat niet beschreven in deze versie van de kennisbank.',
    fix: [],
  },
};

const VERDICT_TEXT: Record<Verdict, Record<Lang, VerdictText>> = {
  'token-expiry-churn': {
    en: {
      headline: 'Benign token-expiry churn — no action needed',
      summary:
        'The devices were disconnected when their SAS token expired (401003, then 404104) and reconnected with a fresh token within seconds, once per token lifetime (usually an hour; the C SDK renews after about 48 minutes). That is how the IoT SDKs renew tokens; the credentials are fine.',
    },
    nl: {
      headline: 'Onschuldige token-verloop-churn — geen actie nodig',
      summary:
        'IoT Hub verbrak de verbinding van de devices toen hun SAS-token verliep (401003, daarna 404104) en ze verbonden binnen enkele seconden opnieuw met een nieuw token, één keer per tokenlevensduur (meestal een uur; de C SDK vernieuwt na ongeveer 48 minuten). Zo vernieuwen de IoT SDK\'s hun tokens; met de credentials is niets mis.',
    },
  },
  'credential-problem': {
    en: {
      headline: 'Credential problem — action needed',
      summary:
        'IoT Hub could not verify the credential (token, key, certificate or permission), or the identity is missing, disabled or not permitted. This will not fix itself; follow the steps for each finding.',
    },
    nl: {
      headline: 'Probleem met de credentials — actie nodig',
      summary:
        'IoT Hub kon de credentials (token, key, certificaat of recht) niet verifiëren, of de identity ontbreekt, staat op disabled of heeft geen toegang. Dit lost zichzelf niet op; volg de stappen per bevinding.',
    },
  },
  mixed: {
    en: {
      headline: 'Mixed: some devices churn, some have credential problems',
      summary:
        'Some devices show only benign token-expiry churn and need nothing; others have a credential problem. Fix the devices listed with a credential problem.',
    },
    nl: {
      headline: 'Gemengd: sommige devices churnen, andere hebben een credentialprobleem',
      summary:
        'Een deel van de devices laat alleen onschuldige token-verloop-churn zien en heeft niets nodig; andere hebben een probleem met de credentials. Los het op voor de devices die met een credentialprobleem vermeld staan.',
    },
  },
  'not-auth-related': {
    en: {
      headline: 'Not an authentication problem',
      summary:
        'The errors are IoT Hub errors that have nothing to do with authentication (for example throttling, timeouts or a duplicate connection). See the explanation of each error code.',
    },
    nl: {
      headline: 'Geen authenticatieprobleem',
      summary:
        'De fouten zijn IoT Hub-fouten die niets met authenticatie te maken hebben (bijvoorbeeld throttling, time-outs of een dubbele verbinding). Zie de uitleg per foutcode.',
    },
  },
  inconclusive: {
    en: {
      headline: 'Inconclusive — need more evidence',
      summary:
        'Nothing in the paste decides it either way. See what was recognised, and paste more (log lines with timestamps and device IDs) or run the KQL query on the hub\'s Connections logs.',
    },
    nl: {
      headline: 'Niet eenduidig — meer gegevens nodig',
      summary:
        'Niets in de geplakte tekst geeft de doorslag. Kijk wat er herkend is en plak meer (logregels met tijden en device-ID\'s) of draai de KQL-query op de Connections-logs van de hub.',
    },
  },
};

const UNKNOWN_VERDICT: Record<Lang, VerdictText> = {
  en: { headline: 'Unknown verdict', summary: 'This verdict is not described in this version of the knowledge base.' },
  nl: { headline: 'Onbekend oordeel', summary: 'Dit oordeel staat niet beschreven in deze versie van de kennisbank.' },
};

/** Which language to use: anything but 'nl' falls back to English. */
function langOf(lang: Lang): Lang {
  return lang === 'nl' ? 'nl' : 'en';
}

function hasOwn<T extends object>(obj: T, key: PropertyKey): key is keyof T {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export function knowledge(kind: FindingKind, lang: Lang): KnowledgeEntry {
  const l = langOf(lang);
  if (!hasOwn(KB, kind)) {
    const t = UNKNOWN_KIND[l];
    return { title: t.title, explanation: t.explanation, fix: [], action: 'info' };
  }
  const data = KB[kind];
  const t = data[l];
  // A fresh copy each time: callers may sort or trim the list without touching the shared data.
  return { title: t.title, explanation: t.explanation, fix: [...t.fix], action: data.action, docUrl: data.docUrl };
}

export function verdictText(verdict: Verdict, lang: Lang): VerdictText {
  const l = langOf(lang);
  const v = hasOwn(VERDICT_TEXT, verdict) ? VERDICT_TEXT[verdict][l] : UNKNOWN_VERDICT[l];
  return { ...v };
}

/** Every fix step in one language: the explain layer checks an LLM answer cites only these. */
export function allFixSteps(lang: Lang): Set<string> {
  const l = langOf(lang);
  const steps = new Set<string>();
  for (const data of Object.values(KB)) for (const step of data[l].fix) steps.add(step);
  return steps;
}

// ---------------------------------------------------------------------------------------------
// Error codes: one short explanation per code (for other-iothub-error and the card's code list).

/** A short explanation of an IoT Hub error code, given as number ("429001") or name ("ThrottlingException"). */
export function errorCodeText(code: string, lang: Lang): string | undefined {
  if (typeof code !== 'string') return undefined;
  const info = lookupToken(code.trim());
  return info ? info.text[langOf(lang)] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Notes: language-neutral hints rendered with their params.

type Params = Record<string, string | number>;

const PARAM_MAX_CHARS = 300;
const QUERY_MAX_CHARS = 8000;

/**
 * A param value made safe to show: redacted (params can carry raw error messages from the registry),
 * control characters dropped, and capped. Only the query keeps its line breaks.
 */
function param(params: Params | undefined, name: string): string | undefined {
  if (!params || !hasOwn(params, name)) return undefined;
  const raw = params[name];
  if (raw === undefined || raw === null) return undefined;
  const keepNewlines = name === 'query';
  let text = redact(String(raw)).text;
  text = keepNewlines ? text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '') : text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  text = text.trim();
  const max = keepNewlines ? QUERY_MAX_CHARS : PARAM_MAX_CHARS;
  if (text.length > max) text = `${text.slice(0, max - 1)}…`;
  return text === '' ? undefined : text;
}

type NoteRenderer = (p: (name: string) => string | undefined) => string;

const NOTES: Record<NoteCode, Record<Lang, NoteRenderer>> = {
  'empty-input': {
    en: () => 'The message was empty. Paste a log excerpt, an SDK error, a SAS token, a connection string, a Log Analytics export or a device ID.',
    nl: () => 'Het bericht was leeg. Plak een stuk log, een SDK-foutmelding, een SAS-token, een connection string, een Log Analytics-export of een device-ID.',
  },
  'binary-input': {
    en: () => 'The input looks binary, not text. Paste the log as text, or export it from Log Analytics as CSV or JSON.',
    nl: () => 'De invoer lijkt binair, geen tekst. Plak het log als tekst, of exporteer het uit Log Analytics als CSV of JSON.',
  },
  'input-truncated': {
    en: (p) => {
      const limit = p('maxBytes') ?? p('bytes');
      const read = limit ? `Only the first ${limit} bytes were read` : 'Only the first part of the input was read';
      return `${read}; the rest was ignored. If something is missing, paste a shorter excerpt around the errors.`;
    },
    nl: (p) => {
      const limit = p('maxBytes') ?? p('bytes');
      const read = limit ? `Alleen de eerste ${limit} bytes zijn gelezen` : 'Alleen het eerste deel van de invoer is gelezen';
      return `${read}; de rest is genegeerd. Mist er iets, plak dan een korter stuk rond de fouten.`;
    },
  },
  'no-timestamps': {
    en: () => 'The input has no timestamps, so hourly disconnect-and-reconnect churn cannot be told apart from a failure loop. Paste the lines with their times, or run the KQL query.',
    nl: () => 'De invoer heeft geen tijden, dus churn (elk uur verbreken en opnieuw verbinden) is niet te onderscheiden van een foutlus. Plak de regels met hun tijden, of draai de KQL-query.',
  },
  'reconnects-missing': {
    en: (p) => {
      const who = p('deviceId') ? ` for ${p('deviceId')}` : '';
      return `The paste shows 401003/404104 pairs about once an hour${who} but no successful connects. That pattern is token-expiry churn; the Connections log with the deviceConnect rows would confirm the reconnects.`;
    },
    nl: (p) => {
      const who = p('deviceId') ? ` voor ${p('deviceId')}` : '';
      return `De geplakte tekst laat ongeveer elk uur 401003/404104-paren zien${who}, maar geen geslaagde verbindingen. Dat patroon is token-verloop-churn; de Connections-log met de deviceConnect-regels zou de herverbindingen bevestigen.`;
    },
  },
  'secrets-redacted': {
    en: (p) => {
      const n = p('count');
      const what = n ? `${n} secret value${n === '1' ? ' was' : 's were'}` : 'Secret values were';
      return `${what} redacted from the paste before analysis. The original message still holds them: delete it, and rotate the key if the chat is not private.`;
    },
    nl: (p) => {
      const n = p('count');
      const what = n ? `${n} ${n === '1' ? 'geheime waarde is' : 'geheime waarden zijn'}` : 'Geheime waarden zijn';
      return `${what} vóór de analyse uit de geplakte tekst weggelakt. Het oorspronkelijke bericht bevat ze nog: verwijder het, en vervang de key als de chat niet privé is.`;
    },
  },
  'paste-more-context': {
    en: () => 'Paste more context: the lines around the error with their timestamps and device IDs, the SDK\'s error output, or the Connections log for the device.',
    nl: () => 'Plak meer context: de regels rond de fout met tijden en device-ID\'s, de foutmelding van de SDK, of de Connections-log van het device.',
  },
  'run-kql': {
    en: (p) => {
      const q = p('query');
      const base = 'Run the KQL query on the Log Analytics workspace that receives the hub\'s Connections logs, and paste the result here';
      return q ? `${base}:\n${q}` : `${base}.`;
    },
    nl: (p) => {
      const q = p('query');
      const base = 'Draai de KQL-query in de Log Analytics-werkruimte die de Connections-logs van de hub ontvangt, en plak het resultaat hier';
      return q ? `${base}:\n${q}` : `${base}.`;
    },
  },
  'look-up-device': {
    en: (p) => {
      const d = p('deviceId') ?? '<device>';
      const hub = p('hub') ?? '<hub>';
      return `Look up ${d} in the hub (az iot hub device-identity show -n ${hub} -d ${d}): is it registered, enabled, and which authentication type does it use?`;
    },
    nl: (p) => {
      const d = p('deviceId') ?? '<device>';
      const hub = p('hub') ?? '<hub>';
      return `Zoek ${d} op in de hub (az iot hub device-identity show -n ${hub} -d ${d}): is het geregistreerd, enabled, en welk authenticatietype gebruikt het?`;
    },
  },
  'registry-unavailable': {
    en: (p) => {
      const why = [p('reason'), p('message')].filter(Boolean).join(': ');
      return `${p('hub') ? `IoT Hub ${p('hub')} could not be asked` : 'The device registry could not be checked'}${why ? ` (${why})` : ''}; the verdict rests on the paste alone.`;
    },
    nl: (p) => {
      const why = [p('reason'), p('message')].filter(Boolean).join(': ');
      return `${p('hub') ? `IoT Hub ${p('hub')} kon niet worden gevraagd` : 'Het device-register kon niet worden geraadpleegd'}${why ? ` (${why})` : ''}; het oordeel is alleen op de geplakte tekst gebaseerd.`;
    },
  },
  'registry-unauthorized': {
    en: (p) => {
      const msg = p('message');
      return `The bot is not allowed to read the device registry${p('hub') ? ` of IoT Hub ${p('hub')}` : ''}${msg ? ` (${msg})` : ''}; the verdict rests on the paste alone. Give the bot's identity the IoT Hub Data Reader role, or a connection string with the registryRead policy.`;
    },
    nl: (p) => {
      const msg = p('message');
      return `De bot mag het device-register${p('hub') ? ` van IoT Hub ${p('hub')}` : ''} niet lezen${msg ? ` (${msg})` : ''}; het oordeel is alleen op de geplakte tekst gebaseerd. Geef de identiteit van de bot de rol IoT Hub Data Reader, of een connection string met de registryRead-policy.`;
    },
  },
  'registry-throttled': {
    en: (p) => {
      const m = p('minutes');
      return `IoT Hub${p('hub') ? ` ${p('hub')}` : ''} throttled the registry lookup; the verdict rests on the paste alone. Try again ${m ? `in ${m} minute${m === '1' ? '' : 's'}` : 'in a few minutes'}.`;
    },
    nl: (p) => {
      const m = p('minutes');
      return `IoT Hub${p('hub') ? ` ${p('hub')}` : ''} heeft het opvragen van het register afgeknepen (throttling); het oordeel is alleen op de geplakte tekst gebaseerd. Probeer het ${m ? `over ${m} ${m === '1' ? 'minuut' : 'minuten'}` : 'over een paar minuten'} opnieuw.`;
    },
  },
  'registry-not-configured': {
    en: () => 'No device registry is configured, so the registry checks (device exists, enabled, authentication type, thumbprints, keys) were skipped.',
    nl: () => 'Er is geen device-register ingesteld, dus de registercontroles (bestaat het device, enabled, authenticatietype, thumbprints, keys) zijn overgeslagen.',
  },
  'device-inferred-from-position': {
    en: (p) => `The device ID ${p('deviceIds') ?? ''} was taken from its position in the line (no field names it). Check it is a device ID, not a host or tracking ID.`.replace('  ', ' '),
    nl: (p) => `Het device-ID ${p('deviceIds') ?? ''} is afgeleid uit de plaats in de regel (geen veld noemt het). Controleer of het een device-ID is en geen host- of tracking-ID.`.replace('  ', ' '),
  },
  'dates-day-first': {
    en: () => 'Dates like 03-11-2026 were read day-first (3 November), as the paste\'s own dates indicate or as is usual for that notation. If they are month-first, paste ISO times (2026-11-03T…).',
    nl: () => 'Datums als 03-11-2026 zijn gelezen als dag-maand (3 november), zoals de datums in de geplakte tekst aangeven of zoals gebruikelijk is voor die notatie. Zijn ze maand-dag, plak dan ISO-tijden (2026-11-03T…).',
  },
  'chat-prefix-ignored': {
    en: (p) => `${p('count') ?? 'Some'} line prefixes with a time of their own (a chat's or a system log's: who wrote the line, and when) were not read as event times.`,
    nl: (p) => `${p('count') ?? 'Enkele'} regelprefixen met een eigen tijd (van een chat of een systeemlog: wie de regel schreef, en wanneer) zijn niet als tijdstip van een gebeurtenis gelezen.`,
  },
  'times-undated': {
    en: (p) => {
      const n = Number(p('count') ?? '0');
      const cost = p('untimedUnauthorized') ? ', so hourly disconnect-and-reconnect churn cannot be told apart from a failure loop' : '';
      return `${n} line${n === 1 ? ' has' : 's have'} a date I could not read (${p('example') ?? '…'}): ${n === 1 ? 'its time was' : 'their times were'} not used${cost}. Paste lines with full dates (2026-11-28T10:04:59Z), or run the KQL query.`;
    },
    nl: (p) => {
      const n = Number(p('count') ?? '0');
      const cost = p('untimedUnauthorized') ? ', dus churn (elk uur verbreken en opnieuw verbinden) is niet te onderscheiden van een foutlus' : '';
      return `${n} ${n === 1 ? 'regel heeft' : 'regels hebben'} een datum die ik niet kon lezen (${p('example') ?? '…'}): ${n === 1 ? 'die tijd is' : 'die tijden zijn'} niet gebruikt${cost}. Plak regels met volledige datums (2026-11-28T10:04:59Z), of draai de KQL-query.`;
    },
  },
  'unread-evidence': {
    en: (p) => {
      const n = Number(p('count') ?? '0');
      const what = p('mention') ? ` mention${n === 1 ? 's' : ''} ${p('mention')}` : ' look like evidence';
      const ex = p('examples');
      return `${n} line${n === 1 ? '' : 's'}${what} but I could not read ${n === 1 ? 'it' : 'them'} as an event${ex ? ` (${ex})` : ''}. Paste them with their timestamps, or check them by hand.`;
    },
    nl: (p) => {
      const n = Number(p('count') ?? '0');
      const what = p('mention') ? ` ${n === 1 ? 'noemt' : 'noemen'} ${p('mention')}` : ` ${n === 1 ? 'lijkt' : 'lijken'} op bewijs`;
      const ex = p('examples');
      return `${n} ${n === 1 ? 'regel' : 'regels'}${what}, maar ik kon ${n === 1 ? 'die' : 'ze'} niet als gebeurtenis lezen${ex ? ` (${ex})` : ''}. Plak ze met hun tijden, of bekijk ze zelf.`;
    },
  },
  'churn-from-rhythm': {
    en: (p) => `No 401003 is in the paste${p('deviceIds') ? ` for ${p('deviceIds')}` : ''}, but the SDK reports a drop and reconnects within two minutes at a steady interval, again and again: the token lifetime showing (some SDKs word the hub's expiry disconnect as a network loss). The Connections log would show the 401003s.`,
    nl: (p) => `Er staat geen 401003 in de geplakte tekst${p('deviceIds') ? ` voor ${p('deviceIds')}` : ''}, maar de SDK meldt steeds opnieuw, met een vaste tussenpoos, een verbreking en verbindt binnen twee minuten opnieuw: dat is de levensduur van het token (sommige SDK's noemen de verbreking door de hub bij het verlopen een netwerkverlies). De Connections-log zou de 401003's laten zien.`,
  },
  'expiry-drop-unconfirmed': {
    en: (p) =>
      `IoT Edge's hub dropped ${p('deviceIds') ?? 'a client'} because its token had expired (or could not be read). edgeHub does this by design when a client's token runs out, and an SDK client then reconnects with a new token, but the paste ends before that. Paste what edgeHub logged next for it: a new connection or "Reauthenticated client" means routine churn; the same error again means the client cannot renew its token.`,
    nl: (p) =>
      `De hub van IoT Edge verbrak ${p('deviceIds') ?? 'een client'} omdat het token verlopen was (of niet te lezen). edgeHub doet dat zo bij een verlopen token, en een SDK-client verbindt daarna opnieuw met een nieuw token, maar de geplakte tekst stopt daarvoor. Plak wat edgeHub daarna voor deze client logde: een nieuwe verbinding of "Reauthenticated client" betekent gewone churn; dezelfde fout opnieuw betekent dat de client zijn token niet kan vernieuwen.`,
  },
  'registry-miss-connected': {
    en: (p) => {
      const d = p('deviceId') ?? 'The device';
      const hub = p('hub');
      return `${d} connects successfully in the paste, yet the registry${hub ? ` of ${hub}` : ''} has no such device. A device can only connect to a hub it is registered in: the registry consulted is another hub's, or out of date. This is not a credential problem.`;
    },
    nl: (p) => {
      const d = p('deviceId') ?? 'Het device';
      const hub = p('hub');
      return `${d} verbindt in de geplakte tekst met succes, maar het register${hub ? ` van ${hub}` : ''} kent dit device niet. Een device kan alleen verbinden met een hub waarin het geregistreerd is: het geraadpleegde register is van een andere hub, of verouderd. Dit is geen credential-probleem.`;
    },
  },
  'registry-hubs-not-asked': {
    en: (p) => `Not asked in time: ${p('hubs') ?? 'some hubs'}. A device missing from the hubs asked may still be in one of these.`,
    nl: (p) => `Niet op tijd gevraagd: ${p('hubs') ?? 'enkele hubs'}. Een device dat ontbreekt in de gevraagde hubs kan nog in een van deze staan.`,
  },
  'registry-dps-unavailable': {
    en: (p) => `DPS could not be asked${p('message') ? ` (${p('message')})` : ''}: the hub answers stand without its side.`,
    nl: (p) => `DPS kon niet worden gevraagd${p('message') ? ` (${p('message')})` : ''}: de antwoorden van de hubs staan zonder die kant.`,
  },
  'hub-not-configured': {
    en: (p) => `${p('hub') ?? 'That hub'} is not one of the hubs this bot can read${p('configured') ? ` (${p('configured')})` : ''}, so I cannot say whether the device is registered there.`,
    nl: (p) => `${p('hub') ?? 'Die hub'} hoort niet bij de hubs die deze bot kan lezen${p('configured') ? ` (${p('configured')})` : ''}, dus ik kan niet zeggen of het device daar geregistreerd is.`,
  },
  'registered-in-other-hubs': {
    en: (p) => `${p('deviceId') ?? 'The device'} connects successfully to ${p('hub') ?? 'its hub'} in the paste, and is registered in ${p('hubs') ?? 'another hub'} too. The registry of ${p('hub') ?? 'its hub'} read here is out of date; this is not a credential problem.`,
    nl: (p) => `${p('deviceId') ?? 'Het device'} verbindt in de geplakte tekst met succes met ${p('hub') ?? 'zijn hub'}, en staat ook geregistreerd in ${p('hubs') ?? 'een andere hub'}. Het gelezen register van ${p('hub') ?? 'zijn hub'} is verouderd; dit is geen credential-probleem.`,
  },
  'too-many-devices': {
    en: (p) => {
      const count = p('count');
      const max = p('max');
      if (count && max) return `The paste names ${count} devices; only the first ${max} were looked at in detail. Paste fewer devices for a full check.`;
      return 'The paste names many devices; only the first ones were looked at in detail. Paste fewer devices for a full check.';
    },
    nl: (p) => {
      const count = p('count');
      const max = p('max');
      if (count && max) return `De geplakte tekst noemt ${count} devices; alleen de eerste ${max} zijn in detail bekeken. Plak minder devices voor een volledige controle.`;
      return 'De geplakte tekst noemt veel devices; alleen de eerste zijn in detail bekeken. Plak minder devices voor een volledige controle.';
    },
  },
};

/** True for a finding kind this knowledge base describes (a kind from a card action's data may be anything). */
export function isKnownKind(kind: unknown): boolean {
  return typeof kind === 'string' && hasOwn(KB, kind);
}

/** True for a note code this knowledge base describes (a code from a card action's data may be anything). */
export function isKnownNote(code: unknown): boolean {
  return typeof code === 'string' && hasOwn(NOTES, code);
}

export function noteText(note: Note, lang: Lang): string {
  const l = langOf(lang);
  const code = note?.code;
  if (typeof code !== 'string' || !hasOwn(NOTES, code)) {
    return l === 'nl' ? 'Opmerking zonder beschrijving in deze versie.' : 'A note this version cannot describe.';
  }
  const params = note.params;
  return NOTES[code][l]((name) => param(params, name));
}
