// What the device SDKs and IoT Edge print about connection status and authentication, from their source.
// Each group cites the file it was read from; each entry says what the words prove.
import type { FindingKind } from './types';

export type SdkSource = 'c' | 'csharp' | 'java' | 'node' | 'python' | 'edge';
/** renewal: the SDK renewing its token as designed (benign); disconnect / reconnect / connected: timeline events; other-error: a non-authentication failure; or the credential finding the words prove. */
export type SdkMeaning = 'renewal' | 'disconnect' | 'reconnect' | 'connected' | 'other-error' | FindingKind;

export interface SdkPhrase {
  /** The words as the SDK prints them (enum member, exception class, or a fixed part of a message). Matched case-insensitively, with '_', '-' and ' ' interchangeable and optional between words, at word boundaries. */
  text: string;
  meaning: SdkMeaning;
  /** A realistic log line containing `text`, as that SDK (or a typical app using it) would print it. */
  example: string;
}

export interface SdkPhraseGroup {
  sdk: SdkSource;
  /** owner/repo/path of the file the phrases were read from. */
  source: string;
  phrases: SdkPhrase[];
}

// Note on overlaps: the same enum word appears in several SDKs (BAD_CREDENTIAL, Bad_Credential; RETRY_EXPIRED,
// Retry_Expired). Where the meaning differs by SDK the entry carries more context instead of the bare word:
// C's IOTHUB_CLIENT_CONNECTION_EXPIRED_SAS_TOKEN is routine renewal, while Java's EXPIRED_SAS_TOKEN is routine
// only with DISCONNECTED_RETRYING and terminal with DISCONNECTED. The bare "EXPIRED_SAS_TOKEN" is deliberately
// absent, and so is .NET's Expired_SAS_Token, which that SDK documents as "currently not used".
export const SDK_VOCABULARY: SdkPhraseGroup[] = [
  // C: the connection status and reason enums passed to IoTHubDeviceClient_SetConnectionStatusCallback;
  // apps print them with MU_ENUM_TO_STRING, so the full IOTHUB_CLIENT_CONNECTION_* names show up in logs.
  {
    sdk: 'c',
    source: 'Azure/azure-iot-sdk-c/iothub_client/inc/iothub_client_core_common.h',
    phrases: [
      {
        text: 'IOTHUB_CLIENT_CONNECTION_AUTHENTICATED',
        meaning: 'connected',
        example: 'Connection status: IOTHUB_CLIENT_CONNECTION_AUTHENTICATED, reason: IOTHUB_CLIENT_CONNECTION_OK',
      },
      {
        text: 'IOTHUB_CLIENT_CONNECTION_OK',
        meaning: 'connected',
        example: 'Connection status: IOTHUB_CLIENT_CONNECTION_AUTHENTICATED, reason: IOTHUB_CLIENT_CONNECTION_OK',
      },
      {
        // Status only: the reason beside it says why.
        text: 'IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED',
        meaning: 'disconnect',
        example: '2026-12-01 01:02:03 mqtt_client INFO: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED',
      },
      {
        // MQTT: the SDK itself disconnects when its SAS token reaches its refresh point and reconnects with a new one.
        text: 'IOTHUB_CLIENT_CONNECTION_EXPIRED_SAS_TOKEN',
        meaning: 'renewal',
        example:
          'Connection status: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED, reason: IOTHUB_CLIENT_CONNECTION_EXPIRED_SAS_TOKEN',
      },
      {
        // Not proof of a disabled identity: the C SDK's MQTT transport reports a CONNACK refusal as
        // DEVICE_DISABLED (CONN_REFUSED_NOT_AUTHORIZED, 0x5, in iothubtransport_mqtt_common.c; azure-iot-sdk-c#928
        // shows it after "0x5: Not Authorized" from an overloaded hub). The hub refused the client; the registry
        // lookup says whether the device is disabled.
        text: 'IOTHUB_CLIENT_CONNECTION_DEVICE_DISABLED',
        meaning: 'credentials-rejected',
        example: '2026-12-01 01:02:03 mqtt_client ERR: IOTHUB_CLIENT_CONNECTION_DEVICE_DISABLED',
      },
      {
        // MQTT CONNACK 0x2/0x4/0x5, or AMQP CBS put-token refused.
        text: 'IOTHUB_CLIENT_CONNECTION_BAD_CREDENTIAL',
        meaning: 'credentials-rejected',
        example:
          'Connection status: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED, reason: IOTHUB_CLIENT_CONNECTION_BAD_CREDENTIAL',
      },
      {
        text: 'IOTHUB_CLIENT_CONNECTION_RETRY_EXPIRED',
        meaning: 'disconnect',
        example:
          'Connection status: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED, reason: IOTHUB_CLIENT_CONNECTION_RETRY_EXPIRED',
      },
      {
        text: 'IOTHUB_CLIENT_CONNECTION_NO_NETWORK',
        meaning: 'disconnect',
        example: '2026-12-01 01:02:03 mqtt_client ERR: IOTHUB_CLIENT_CONNECTION_NO_NETWORK',
      },
      {
        text: 'IOTHUB_CLIENT_CONNECTION_COMMUNICATION_ERROR',
        meaning: 'disconnect',
        example:
          'Connection status: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED, reason: IOTHUB_CLIENT_CONNECTION_COMMUNICATION_ERROR',
      },
      {
        text: 'IOTHUB_CLIENT_CONNECTION_NO_PING_RESPONSE',
        meaning: 'disconnect',
        example:
          'Connection status: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED, reason: IOTHUB_CLIENT_CONNECTION_NO_PING_RESPONSE',
      },
      {
        // AMQP: the hub rejected telemetry because the daily message quota is used up.
        text: 'IOTHUB_CLIENT_CONNECTION_QUOTA_EXCEEDED',
        meaning: 'other-error',
        example:
          'Connection status: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED, reason: IOTHUB_CLIENT_CONNECTION_QUOTA_EXCEEDED',
      },
    ],
  },
  // C, MQTT transport: the CONNACK refusal line (code and retrieveMqttReturnCodes text) and the SDK's own
  // SAS-expiry disconnect.
  {
    sdk: 'c',
    source: 'Azure/azure-iot-sdk-c/iothub_client/src/iothubtransport_mqtt_common.c',
    phrases: [
      {
        text: 'Connection Not Accepted: 0x5: Not Authorized',
        meaning: 'credentials-rejected',
        example:
          'Error: Time:Tue Dec  1 01:02:03 2026 File:/sdk/iothub_client/src/iothubtransport_mqtt_common.c Func:mqttOperationCompleteCallback Line:2142 Connection Not Accepted: 0x5: Not Authorized',
      },
      {
        text: 'Connection Not Accepted: 0x4: Bad Username/Password',
        meaning: 'credentials-rejected',
        example:
          'Error: Time:Tue Dec  1 01:02:03 2026 File:/sdk/iothub_client/src/iothubtransport_mqtt_common.c Func:mqttOperationCompleteCallback Line:2142 Connection Not Accepted: 0x4: Bad Username/Password',
      },
      {
        text: 'Connection Not Accepted: 0x2: Id Rejected',
        meaning: 'credentials-rejected',
        example:
          'Error: Time:Tue Dec  1 01:02:03 2026 File:/sdk/iothub_client/src/iothubtransport_mqtt_common.c Func:mqttOperationCompleteCallback Line:2142 Connection Not Accepted: 0x2: Id Rejected',
      },
      {
        // The C SDK turns this CONNACK into DEVICE_DISABLED, but the words alone only say the hub was unavailable.
        text: 'Connection Not Accepted: 0x3: Server Unavailable',
        meaning: 'other-error',
        example:
          'Error: Time:Tue Dec  1 01:02:03 2026 File:/sdk/iothub_client/src/iothubtransport_mqtt_common.c Func:mqttOperationCompleteCallback Line:2142 Connection Not Accepted: 0x3: Server Unavailable',
      },
      {
        text: 'Disconnecting MQTT connection because SAS token expired',
        meaning: 'renewal',
        example: 'Info: Disconnecting MQTT connection because SAS token expired.',
      },
    ],
  },
  // C, AMQP transport: the CBS put-token answer (a non-200 status means the hub refused the SAS token) and a
  // refresh that failed on the device before reaching the hub.
  {
    sdk: 'c',
    source: 'Azure/azure-iot-sdk-c/iothub_client/src/iothubtransport_amqp_cbs_auth.c',
    phrases: [
      {
        text: 'CBS reported status code 401',
        meaning: 'credentials-rejected',
        example:
          "Error: Time:Tue Dec  1 01:02:03 2026 File:/sdk/iothub_client/src/iothubtransport_amqp_cbs_auth.c Func:on_cbs_put_token_complete_callback Line:183 CBS reported status code 401, error: 'The specified SAS token has an invalid signature. It does not match either the primary or secondary key.' for put-token operation for device 'pump-0042'",
      },
      {
        // Until March 2022 (Azure/azure-iot-sdk-c#2256 removed the check), an app-supplied SAS token was checked
        // before each put-token: IoTHubClient_Auth_Is_SasToken_Valid -> SASToken_Validate fails when sr=, se= or
        // sig= is missing or se= has passed by the device's clock. The SDK cannot renew a token it was given.
        text: 'sas token is invalid',
        meaning: 'sas-token-expired',
        example:
          'Error: Time:Wed Jun  5 10:46:31 2019 File:/usr/src/debug/azure-iot-sdk-c/1.2.10-r0/git/iothub_client/src/iothubtransport_amqp_cbs_auth.c Func:create_and_put_SAS_token_to_cbs Line:270 sas token is invalid.',
      },
      {
        text: 'Failed refreshing SAS token',
        meaning: 'other-error',
        example:
          "Error: Time:Tue Dec  1 01:02:03 2026 File:/sdk/iothub_client/src/iothubtransport_amqp_cbs_auth.c Func:authentication_do_work Line:578 Failed refreshing SAS token 'pump-0042'",
      },
    ],
  },
  // .NET: the reason enum handed to SetConnectionStatusChangesHandler (RetryDelegatingHandler maps
  // UnauthorizedException to Bad_Credential and DeviceNotFoundException to Device_Disabled).
  {
    sdk: 'csharp',
    source: 'Azure/azure-iot-sdk-csharp/iothub/device/src/ConnectionStatusChangeReason.cs',
    phrases: [
      {
        text: 'Connection_Ok',
        meaning: 'connected',
        example: 'Connection status changed: status=Connected, reason=Connection_Ok',
      },
      {
        text: 'Bad_Credential',
        meaning: 'credentials-rejected',
        example: 'Connection status changed: status=Disconnected, reason=Bad_Credential',
      },
      {
        // Documented as "deleted or marked as disabled"; raised for DeviceNotFoundException.
        text: 'Device_Disabled',
        meaning: 'device-disabled',
        example: 'Connection status changed: status=Disconnected, reason=Device_Disabled',
      },
      {
        text: 'Retry_Expired',
        meaning: 'disconnect',
        example: 'Connection status changed: status=Disconnected, reason=Retry_Expired',
      },
      {
        text: 'Communication_Error',
        meaning: 'disconnect',
        example: 'Connection status changed: status=Disconnected_Retrying, reason=Communication_Error',
      },
    ],
  },
  // .NET: the status enum (only the member that cannot be mistaken for prose).
  {
    sdk: 'csharp',
    source: 'Azure/azure-iot-sdk-csharp/iothub/device/src/ConnectionStatus.cs',
    phrases: [
      {
        text: 'Disconnected_Retrying',
        meaning: 'disconnect',
        example: 'Connection status changed to Disconnected_Retrying.',
      },
    ],
  },
  // .NET, MQTT: the CONNACK refusal becomes "CONNECT failed: <ConnectReturnCode>" inside the exception.
  {
    sdk: 'csharp',
    source: 'Azure/azure-iot-sdk-csharp/iothub/device/src/Transport/Mqtt/MqttIotHubAdapter.cs',
    phrases: [
      {
        text: 'CONNECT failed: RefusedNotAuthorized',
        meaning: 'credentials-rejected',
        example:
          'Microsoft.Azure.Devices.Client.Exceptions.UnauthorizedException: CONNECT failed: RefusedNotAuthorized',
      },
      {
        text: 'CONNECT failed: RefusedBadUsernameOrPassword',
        meaning: 'credentials-rejected',
        example:
          'Microsoft.Azure.Devices.Client.Exceptions.UnauthorizedException: CONNECT failed: RefusedBadUsernameOrPassword',
      },
      {
        // Mapped to the transient IotHubCommunicationException and retried.
        text: 'CONNECT failed: RefusedServerUnavailable',
        meaning: 'other-error',
        example:
          'Microsoft.Azure.Devices.Client.Exceptions.IotHubCommunicationException: CONNECT failed: RefusedServerUnavailable',
      },
      {
        text: 'Invalid credentials were provided while attempting a CONNECT',
        meaning: 'credentials-rejected',
        example:
          'MqttIotHubAdapter#12345678.ProcessConnectAckAsync: Invalid credentials were provided while attempting a CONNECT, will shut down.',
      },
    ],
  },
  // .NET: device-client exception classes as they appear in stack traces.
  {
    sdk: 'csharp',
    source: 'Azure/azure-iot-sdk-csharp/iothub/device/src/Common/Exceptions/ExceptionHandlingHelper.cs',
    phrases: [
      {
        text: 'UnauthorizedException',
        meaning: 'credentials-rejected',
        example:
          'Unhandled exception. Microsoft.Azure.Devices.Client.Exceptions.UnauthorizedException: CONNECT failed: RefusedNotAuthorized',
      },
      {
        text: 'DeviceNotFoundException',
        meaning: 'device-not-registered',
        example: 'Microsoft.Azure.Devices.Client.Exceptions.DeviceNotFoundException: Device pump-0042 not registered',
      },
      {
        text: 'QuotaExceededException',
        meaning: 'other-error',
        example:
          'Microsoft.Azure.Devices.Client.Exceptions.QuotaExceededException: Total number of messages on IotHub contoso-hub exceeded the allocated quota.',
      },
      {
        text: 'ServerBusyException',
        meaning: 'other-error',
        example: 'Microsoft.Azure.Devices.Client.Exceptions.ServerBusyException: The server is busy.',
      },
      {
        text: 'IotHubThrottledException',
        meaning: 'other-error',
        example:
          'Microsoft.Azure.Devices.Client.Exceptions.IotHubThrottledException: Device Container has exceeded the throttle limit.',
      },
    ],
  },
  // .NET, AMQP: the client-side "connection is gone" exception (transient, retried by the SDK).
  {
    sdk: 'csharp',
    source: 'Azure/azure-iot-sdk-csharp/iothub/device/src/Transport/AmqpIot/AmqpIotConnection.cs',
    phrases: [
      {
        text: 'IotHubCommunicationException',
        meaning: 'other-error',
        example:
          'Microsoft.Azure.Devices.Client.Exceptions.IotHubCommunicationException: Transient network error occurred, please retry.',
      },
    ],
  },
  // Java: the reason enum and the transport's status log line. EXPIRED_SAS_TOKEN with DISCONNECTED_RETRYING is
  // the routine MQTT SAS disconnect (the SDK has an option to stop logging it as an error); with DISCONNECTED
  // it is terminal: a hub refusal while the saved token had expired and could not be renewed.
  {
    sdk: 'java',
    source: 'Azure/azure-iot-sdk-java/iothub/device/iot-device-client/src/main/java/com/microsoft/azure/sdk/iot/device/transport/IotHubTransport.java',
    phrases: [
      {
        text: 'new status DISCONNECTED_RETRYING with reason EXPIRED_SAS_TOKEN',
        meaning: 'renewal',
        example:
          '2026-12-01 01:02:03,456 INFO (azure-iot-sdk-IotHubReconnectTask) [com.microsoft.azure.sdk.iot.device.transport.IotHubTransport] - Updating transport status to new status DISCONNECTED_RETRYING with reason EXPIRED_SAS_TOKEN',
      },
      {
        text: 'new status DISCONNECTED with reason EXPIRED_SAS_TOKEN',
        meaning: 'sas-token-expired',
        example:
          '2026-12-01 01:02:03,456 WARN (azure-iot-sdk-IotHubReconnectTask) [com.microsoft.azure.sdk.iot.device.transport.IotHubTransport] - Updating transport status to new status DISCONNECTED with reason EXPIRED_SAS_TOKEN',
      },
      {
        text: 'new status CONNECTED with reason CONNECTION_OK',
        meaning: 'connected',
        example:
          '2026-12-01 01:02:03,456 INFO (main) [com.microsoft.azure.sdk.iot.device.transport.IotHubTransport] - Updating transport status to new status CONNECTED with reason CONNECTION_OK',
      },
      {
        text: 'NO_NETWORK',
        meaning: 'disconnect',
        example:
          '2026-12-01 01:02:03,456 WARN (MQTT Call: pump-0042) [com.microsoft.azure.sdk.iot.device.transport.IotHubTransport] - Updating transport status to new status DISCONNECTED_RETRYING with reason NO_NETWORK',
      },
      {
        // Logged for the routine MQTT expiry too; the status line that follows says whether it retries.
        text: 'Mapping throwable to EXPIRED_SAS_TOKEN',
        meaning: 'disconnect',
        example:
          '2026-12-01 01:02:03,456 DEBUG (MQTT Call: pump-0042) [com.microsoft.azure.sdk.iot.device.transport.IotHubTransport] - Mapping throwable to EXPIRED_SAS_TOKEN because it was a non-retryable exception and the saved sas token has expired',
      },
      {
        text: 'Reconnection was abandoned due to the retry policy',
        meaning: 'disconnect',
        example:
          '2026-12-01 01:02:03,456 DEBUG (azure-iot-sdk-IotHubReconnectTask) [com.microsoft.azure.sdk.iot.device.transport.IotHubTransport] - Reconnection was abandoned due to the retry policy',
      },
    ],
  },
  // Java, MQTT: the exceptions a refused Paho CONNECT is translated into.
  {
    sdk: 'java',
    source: 'Azure/azure-iot-sdk-java/iothub/device/iot-device-client/src/main/java/com/microsoft/azure/sdk/iot/device/transport/mqtt/exceptions/PahoExceptionTranslator.java',
    phrases: [
      {
        text: 'MqttUnauthorizedException',
        meaning: 'credentials-rejected',
        example:
          'com.microsoft.azure.sdk.iot.device.transport.mqtt.exceptions.MqttUnauthorizedException: Not authorized to connect',
      },
      {
        text: 'MqttBadUsernameOrPasswordException',
        meaning: 'credentials-rejected',
        example:
          'com.microsoft.azure.sdk.iot.device.transport.mqtt.exceptions.MqttBadUsernameOrPasswordException: Bad user name or password',
      },
      {
        text: 'MqttIdentifierRejectedException',
        meaning: 'credentials-rejected',
        example:
          'com.microsoft.azure.sdk.iot.device.transport.mqtt.exceptions.MqttIdentifierRejectedException: Invalid client ID',
      },
      {
        // Retryable in the Java SDK.
        text: 'MqttServerUnavailableException',
        meaning: 'other-error',
        example:
          'com.microsoft.azure.sdk.iot.device.transport.mqtt.exceptions.MqttServerUnavailableException: Broker unavailable',
      },
    ],
  },
  // Java, AMQP: the error condition amqp:unauthorized-access and the exception it becomes.
  {
    sdk: 'java',
    source: 'Azure/azure-iot-sdk-java/iothub/device/iot-device-client/src/main/java/com/microsoft/azure/sdk/iot/device/transport/amqps/AmqpsExceptionTranslator.java',
    phrases: [
      {
        text: 'AmqpUnauthorizedAccessException',
        meaning: 'credentials-rejected',
        example:
          'com.microsoft.azure.sdk.iot.device.transport.amqps.exceptions.AmqpUnauthorizedAccessException: Unauthorized',
      },
      {
        text: 'amqp:unauthorized-access',
        meaning: 'credentials-rejected',
        example: 'Amqp connection was closed remotely: amqp:unauthorized-access Unauthorized',
      },
    ],
  },
  // Java, HTTPS: a 404 from the hub (device identity not found).
  {
    sdk: 'java',
    source: 'Azure/azure-iot-sdk-java/iothub/device/iot-device-client/src/main/java/com/microsoft/azure/sdk/iot/device/transport/https/exceptions/HubOrDeviceIdNotFoundException.java',
    phrases: [
      {
        text: 'HubOrDeviceIdNotFoundException',
        meaning: 'device-not-registered',
        example:
          'com.microsoft.azure.sdk.iot.device.transport.https.exceptions.HubOrDeviceIdNotFoundException: Device pump-0042 not registered',
      },
    ],
  },
  // Java: SAS renewal, a new token minted from the device key.
  {
    sdk: 'java',
    source: 'Azure/azure-iot-sdk-java/iothub/device/iot-device-client/src/main/java/com/microsoft/azure/sdk/iot/device/auth/IotHubSasTokenWithRefreshAuthenticationProvider.java',
    phrases: [
      {
        text: 'Renewing the internal sas token',
        meaning: 'renewal',
        example:
          '2026-12-01 01:02:03,456 DEBUG (azure-iot-sdk-IotHubSendTask) [com.microsoft.azure.sdk.iot.device.auth.IotHubSasTokenWithRefreshAuthenticationProvider] - Renewing the internal sas token',
      },
    ],
  },
  // Java, AMQP: the renewed token is sent over CBS without disconnecting.
  {
    sdk: 'java',
    source: 'Azure/azure-iot-sdk-java/iothub/device/iot-device-client/src/main/java/com/microsoft/azure/sdk/iot/device/transport/amqps/AmqpsSasTokenRenewalHandler.java',
    phrases: [
      {
        text: 'Scheduling proactive sas token renewal',
        meaning: 'renewal',
        example:
          '2026-12-01 01:02:03,456 TRACE (amqp-reactor) [com.microsoft.azure.sdk.iot.device.transport.amqps.AmqpsSasTokenRenewalHandler] - Scheduling proactive sas token renewal for device pump-0042 in 3060000 milliseconds',
      },
      {
        text: 'CBS message authentication succeeded',
        meaning: 'connected',
        example:
          '2026-12-01 01:02:03,456 DEBUG (amqp-reactor) [com.microsoft.azure.sdk.iot.device.transport.amqps.AmqpsSasTokenRenewalHandler] - CBS message authentication succeeded for device pump-0042',
      },
    ],
  },
  // Node: the error classes of azure-iot-common (err.name is the class name).
  {
    sdk: 'node',
    source: 'Azure/azure-iot-sdk-node/common/core/src/errors.ts',
    phrases: [
      {
        text: 'UnauthorizedError',
        meaning: 'credentials-rejected',
        example: 'Could not connect: UnauthorizedError: mqtt.js returned Connection refused: Not authorized error',
      },
      {
        text: 'DeviceNotFoundError',
        meaning: 'device-not-registered',
        example: 'Could not connect: DeviceNotFoundError: Device pump-0042 not registered',
      },
      {
        text: 'NotConnectedError',
        meaning: 'disconnect',
        example: 'send error: NotConnectedError: mqtt.js returned client disconnecting error',
      },
      {
        text: 'ThrottlingError',
        meaning: 'other-error',
        example: 'send error: ThrottlingError: Device Container has exceeded the throttle limit.',
      },
      {
        text: 'IotHubQuotaExceededError',
        meaning: 'other-error',
        example: 'send error: IotHubQuotaExceededError: Total number of messages on IotHub exceeded the allocated quota.',
      },
      {
        text: 'ServiceUnavailableError',
        meaning: 'other-error',
        example: 'Could not connect: ServiceUnavailableError: mqtt.js returned Connection refused: Server unavailable error',
      },
    ],
  },
  // Node, MQTT: the mqtt.js CONNACK messages translateError wraps as "mqtt.js returned <message> error".
  {
    sdk: 'node',
    source: 'Azure/azure-iot-sdk-node/common/transport/mqtt/src/mqtt_translate_error.ts',
    phrases: [
      {
        text: 'Connection refused: Not authorized',
        meaning: 'credentials-rejected',
        example: 'UnauthorizedError: mqtt.js returned Connection refused: Not authorized error',
      },
      {
        text: 'Connection refused: Bad username or password',
        meaning: 'credentials-rejected',
        example: 'UnauthorizedError: mqtt.js returned Connection refused: Bad username or password error',
      },
      {
        text: 'Connection refused: Identifier rejected',
        meaning: 'credentials-rejected',
        example: 'UnauthorizedError: mqtt.js returned Connection refused: Identifier rejected error',
      },
      {
        text: 'Connection refused: Server unavailable',
        meaning: 'other-error',
        example: 'ServiceUnavailableError: mqtt.js returned Connection refused: Server unavailable error',
      },
    ],
  },
  // Node, MQTT base: updateSharedAccessSignature renews a token by disconnecting and reconnecting (DEBUG=azure-iot*).
  {
    sdk: 'node',
    source: 'Azure/azure-iot-sdk-node/common/transport/mqtt/src/mqtt_base.ts',
    phrases: [
      {
        // Logged on every drop, token renewal or not: the renewal itself is updateSharedAccessSignature.
        text: 'MqttBase mqtt client disconnected',
        meaning: 'disconnect',
        example: '2026-12-01T01:02:03.456Z azure-iot-mqtt-base:MqttBase mqtt client disconnected - reconnecting',
      },
      {
        text: 'mqtt client reconnected successfully',
        meaning: 'reconnect',
        example: '2026-12-01T01:02:03.789Z azure-iot-mqtt-base:MqttBase mqtt client reconnected successfully',
      },
    ],
  },
  // Node, AMQP: error conditions mapped to error classes.
  {
    sdk: 'node',
    source: 'Azure/azure-iot-sdk-node/common/transport/amqp/src/amqp_common_errors.ts',
    phrases: [
      {
        text: 'com.microsoft:device-container-throttled',
        meaning: 'other-error',
        example: 'ThrottlingError: com.microsoft:device-container-throttled: Device Container has exceeded the throttle limit.',
      },
    ],
  },
  // Node, AMQP: the CBS put-token timeout.
  {
    sdk: 'node',
    source: 'Azure/azure-iot-sdk-node/common/transport/amqp/src/amqp_cbs.ts',
    phrases: [
      {
        text: 'Put Token operation had no response within',
        meaning: 'other-error',
        example: 'TimeoutError: Put Token operation had no response within 10',
      },
    ],
  },
  // Node, device AMQP transport: a renewed token that could not be applied.
  {
    sdk: 'node',
    source: 'Azure/azure-iot-sdk-node/device/transport/amqp/src/amqp.ts',
    phrases: [
      {
        // The renewed token was refused or timed out over CBS; the SDK then emits 'disconnect'.
        text: 'Error updating the shared access signature',
        meaning: 'disconnect',
        example:
          '2026-12-01T01:02:03.456Z azure-iot-device-amqp:Amqp:Errors Error updating the shared access signature: UnauthorizedError',
      },
    ],
  },
  // Node, device client: the transport 'disconnect' event as the client logs it.
  {
    sdk: 'node',
    source: 'Azure/azure-iot-sdk-node/device/core/src/internal_client.ts',
    phrases: [
      {
        text: 'transport disconnect event',
        meaning: 'disconnect',
        example:
          '2026-12-01T01:02:03.456Z azure-iot-device:InternalClient:Errors transport disconnect event: NotConnectedError: premature close',
      },
    ],
  },
  // Python: the public exceptions and the messages the clients raise them with (handle_result).
  {
    sdk: 'python',
    source: 'Azure/azure-iot-sdk-python/azure-iot-device/azure/iot/device/iothub/aio/async_clients.py',
    phrases: [
      {
        text: 'CredentialError',
        meaning: 'credentials-rejected',
        example: 'azure.iot.device.exceptions.CredentialError: Credentials invalid, could not connect',
      },
      {
        text: 'Credentials invalid, could not connect',
        meaning: 'credentials-rejected',
        example: 'ERROR:root:Credentials invalid, could not connect',
      },
      {
        text: 'ConnectionFailedError',
        meaning: 'other-error',
        example: 'azure.iot.device.exceptions.ConnectionFailedError: Could not connect to IoTHub',
      },
      {
        text: 'ConnectionDroppedError',
        meaning: 'disconnect',
        example: 'azure.iot.device.exceptions.ConnectionDroppedError: Lost connection to IoTHub',
      },
      {
        text: 'ClientError',
        meaning: 'other-error',
        example: 'azure.iot.device.exceptions.ClientError: Error in the IoTHub client',
      },
    ],
  },
  // Python, Paho transport: on_connect logs the raw CONNACK rc (4 bad username/password, 5 not authorised).
  {
    sdk: 'python',
    source: 'Azure/azure-iot-sdk-python/azure-iot-device/azure/iot/device/common/mqtt_transport.py',
    phrases: [
      {
        text: 'connected with result code: 5',
        meaning: 'credentials-rejected',
        example: 'INFO:azure.iot.device.common.mqtt_transport:connected with result code: 5',
      },
      {
        text: 'connected with result code: 4',
        meaning: 'credentials-rejected',
        example: 'INFO:azure.iot.device.common.mqtt_transport:connected with result code: 4',
      },
      {
        text: 'connected with result code: 0',
        meaning: 'connected',
        example: 'INFO:azure.iot.device.common.mqtt_transport:connected with result code: 0',
      },
      {
        text: 'disconnected with result code',
        meaning: 'disconnect',
        example: 'INFO:azure.iot.device.common.mqtt_transport:disconnected with result code: 7',
      },
    ],
  },
  // Python pipeline: SasTokenStage renews the token and reauthorises (MQTT: disconnect then connect);
  // ConnectionStateStage logs the state changes around it.
  {
    sdk: 'python',
    source: 'Azure/azure-iot-sdk-python/azure-iot-device/azure/iot/device/common/pipeline/pipeline_stages_base.py',
    phrases: [
      {
        text: 'Renewing SAS Token',
        meaning: 'renewal',
        example: 'INFO:azure.iot.device.common.pipeline.pipeline_stages_base:SasTokenStage: Renewing SAS Token...',
      },
      {
        text: 'Starting reauthorization process for new SAS token',
        meaning: 'renewal',
        example:
          'INFO:azure.iot.device.common.pipeline.pipeline_stages_base:SasTokenStage: Starting reauthorization process for new SAS token',
      },
      {
        text: 'Connection reauthorization successful',
        meaning: 'reconnect',
        example:
          'INFO:azure.iot.device.common.pipeline.pipeline_stages_base:SasTokenStage: Connection reauthorization successful',
      },
      {
        // The Error= part that follows says whether the hub refused the new token.
        text: 'Connection reauthorization failed',
        meaning: 'disconnect',
        example:
          'INFO:azure.iot.device.common.pipeline.pipeline_stages_base:SasTokenStage: Connection reauthorization failed.  Error=ConnectionFailedError(None)',
      },
      {
        // Refreshing the token locally failed (SasTokenError); the hub was not involved.
        text: 'SAS Token renewal failed',
        meaning: 'other-error',
        example: 'ERROR:azure.iot.device.common.pipeline.pipeline_stages_base:SasTokenStage: SAS Token renewal failed',
      },
      {
        text: 'Connection re-established after re-authentication',
        meaning: 'reconnect',
        example:
          'INFO:azure.iot.device.common.pipeline.pipeline_stages_base:ConnectionStateStage(ReauthorizeConnectionOperation): State changes REAUTHORIZING -> CONNECTED. Connection re-established after re-authentication',
      },
      {
        text: 'Reauthorization in progress',
        meaning: 'renewal',
        example:
          'DEBUG:azure.iot.device.common.pipeline.pipeline_stages_base:ConnectionStateStage(DisconnectedEvent): Not attempting to reconnect (Reauthorization in progress)',
      },
      {
        text: 'CONNECTED. Connection established',
        meaning: 'connected',
        example:
          'INFO:azure.iot.device.common.pipeline.pipeline_stages_base:ConnectionStateStage(ConnectOperation): State changes CONNECTING -> CONNECTED. Connection established',
      },
      {
        text: 'DISCONNECTED. Attempting to reconnect',
        meaning: 'disconnect',
        example:
          'INFO:azure.iot.device.common.pipeline.pipeline_stages_base:ConnectionStateStage(DisconnectedEvent): State changes CONNECTED -> DISCONNECTED. Attempting to reconnect',
      },
      {
        text: 'Cannot reconnect. Ending reconnection process',
        meaning: 'disconnect',
        example:
          'INFO:azure.iot.device.common.pipeline.pipeline_stages_base:ConnectionStateStage: Cannot reconnect. Ending reconnection process',
      },
    ],
  },
  // Python, MQTT stage: reauthorisation is a disconnect followed by a connect with the new token.
  {
    sdk: 'python',
    source: 'Azure/azure-iot-sdk-python/azure-iot-device/azure/iot/device/common/pipeline/pipeline_stages_mqtt.py',
    phrases: [
      {
        text: 'reauthorizing. Will issue disconnect and then a connect',
        meaning: 'renewal',
        example:
          'DEBUG:azure.iot.device.common.pipeline.pipeline_stages_mqtt:MQTTTransportStage(ReauthorizeConnectionOperation): reauthorizing. Will issue disconnect and then a connect',
      },
    ],
  },
  // IoT Edge hub authenticating downstream devices and modules with SAS tokens: each warning names why.
  {
    sdk: 'edge',
    source: 'Azure/iotedge/edge-hub/core/src/Microsoft.Azure.Devices.Edge.Hub.CloudProxy/authenticators/DeviceScopeTokenAuthenticator.cs',
    phrases: [
      {
        // edgeHub's periodic re-authentication drops an MQTT client whose token expired and expects it to
        // reconnect with a new one: by design (Azure/iotedge#676, #1979), edgeHub's own 401003 churn.
        text: 'because the token has expired',
        meaning: 'renewal',
        example:
          '<4> 2026-12-01 01:02:03.456 +00:00 [WRN] - Error authenticating token for pump-0042 because the token has expired.',
      },
      {
        text: 'because the token did not match the primary or the secondary key',
        meaning: 'sas-signature-invalid',
        example:
          '<4> 2026-12-01 01:02:03.456 +00:00 [WRN] - Error authenticating token for pump-0042 because the token did not match the primary or the secondary key. Error - Invalid signature',
      },
      {
        text: 'because the service identity is not enabled',
        meaning: 'device-disabled',
        example:
          '<4> 2026-12-01 01:02:03.456 +00:00 [WRN] - Error authenticating token for pump-0042 because the service identity is not enabled',
      },
      {
        // Wrong scope (audience) for this identity.
        text: 'in the identity does not match the audienceId',
        meaning: 'credentials-rejected',
        example:
          '<4> 2026-12-01 01:02:03.456 +00:00 [WRN] - Error authenticating token for pump-0042 because the deviceId pump-0042 in the identity does not match the audienceId pump-0043.',
      },
      {
        text: 'because the token is expired or could not be parsed',
        meaning: 'renewal',
        example:
          '<6> 2026-12-01 01:02:03.456 +00:00 [INF] - Error authenticating token for pump-0042 because the token is expired or could not be parsed',
      },
    ],
  },
  // IoT Edge hub authenticating downstream X.509 clients.
  {
    sdk: 'edge',
    source: 'Azure/iotedge/edge-hub/core/src/Microsoft.Azure.Devices.Edge.Hub.CloudProxy/authenticators/DeviceScopeCertificateAuthenticator.cs',
    phrases: [
      {
        text: 'certificate thumbprint did not match the primary or the secondary thumbprints',
        meaning: 'thumbprint-mismatch',
        example:
          '<4> 2026-12-01 01:02:03.456 +00:00 [WRN] - Error authenticating certificate for pump-0042 because the certificate thumbprint did not match the primary or the secondary thumbprints.',
      },
    ],
  },
  // IoT Edge hub periodically re-authenticating connected clients against the device scope.
  {
    sdk: 'edge',
    source: 'Azure/iotedge/edge-hub/core/src/Microsoft.Azure.Devices.Edge.Hub.Core/ConnectionReauthenticator.cs',
    phrases: [
      {
        text: 'Reauthenticated client',
        meaning: 'connected',
        example: '<7> 2026-12-01 01:02:03.456 +00:00 [DBG] - Reauthenticated client pump-0042 successfully',
      },
      {
        // The drop that follows a failed re-authentication; the reason is on the line before it.
        text: 'failed, removing client connection',
        meaning: 'disconnect',
        example:
          '<4> 2026-12-01 01:02:03.456 +00:00 [WRN] - Reauthenticating client pump-0042 failed, removing client connection',
      },
      {
        text: 'was removed from device scope, dropping client connection',
        meaning: 'device-not-registered',
        example:
          '<6> 2026-12-01 01:02:03.456 +00:00 [INF] - Service identity for pump-0042 was removed from device scope, dropping client connection.',
      },
    ],
  },
  // IoT Edge hub's upstream (cloud) connection per client: its status enum, printed by ConnectionManager as
  // "Connection status for <id> changed to <status>". DisconnectedTokenExpired is raised on any
  // UnauthorizedException from IoT Hub; edgeHub then asks the client for a fresh token.
  {
    sdk: 'edge',
    source: 'Azure/iotedge/edge-hub/core/src/Microsoft.Azure.Devices.Edge.Hub.Core/cloud/CloudConnectionStatus.cs',
    phrases: [
      {
        text: 'ConnectionEstablished',
        meaning: 'connected',
        example: '<6> 2026-12-01 01:02:03.456 +00:00 [INF] - Connection status for pump-0042 changed to ConnectionEstablished',
      },
      {
        text: 'DisconnectedTokenExpired',
        meaning: 'disconnect',
        example:
          '<6> 2026-12-01 01:02:03.456 +00:00 [INF] - Connection status for pump-0042 changed to DisconnectedTokenExpired',
      },
      {
        text: 'TokenNearExpiry',
        meaning: 'renewal',
        example: '<6> 2026-12-01 01:02:03.456 +00:00 [INF] - Connection status for pump-0042 changed to TokenNearExpiry',
      },
    ],
  },
  // IoT Edge hub: cloud connections and token refresh for clients it proxies upstream.
  {
    sdk: 'edge',
    source: 'Azure/iotedge/edge-hub/core/src/Microsoft.Azure.Devices.Edge.Hub.CloudProxy/ClientTokenCloudConnection.cs',
    phrases: [
      {
        text: 'Obtained new token for client',
        meaning: 'renewal',
        example:
          '<6> 2026-12-01 01:02:03.456 +00:00 [INF] - Obtained new token for client pump-0042 that expires in 00:59:58.1234567',
      },
      {
        text: 'and so is not usable. Getting a fresh token',
        meaning: 'renewal',
        example:
          '<7> 2026-12-01 01:02:03.456 +00:00 [DBG] - Token received for client pump-0042 expires in 00:00:10, and so is not usable. Getting a fresh token...',
      },
    ],
  },
  // IoT Edge hub: the per-client cloud connection being created or lost.
  {
    sdk: 'edge',
    source: 'Azure/iotedge/edge-hub/core/src/Microsoft.Azure.Devices.Edge.Hub.Core/ConnectionManager.cs',
    phrases: [
      {
        text: 'New cloud connection created for device',
        meaning: 'connected',
        example: '<6> 2026-12-01 01:02:03.456 +00:00 [INF] - New cloud connection created for device pump-0042',
      },
      {
        text: 'Cloud connection lost for',
        meaning: 'disconnect',
        example: '<7> 2026-12-01 01:02:03.456 +00:00 [DBG] - Cloud connection lost for pump-0042, closing client.',
      },
    ],
  },
  // IoT Edge hub, AMQP X.509 clients.
  {
    sdk: 'edge',
    source: 'Azure/iotedge/edge-hub/core/src/Microsoft.Azure.Devices.Edge.Hub.Amqp/EdgeX509Principal.cs',
    phrases: [
      {
        text: 'Unable to authenticate device with Id',
        meaning: 'credentials-rejected',
        example: '<4> 2026-12-01 01:02:03.456 +00:00 [WRN] - Unable to authenticate device with Id pump-0042',
      },
    ],
  },
  // C, HTTP transport: the hub answered a telemetry or C2D request with 401 (its DoEvent status line, with the
  // file name, is read in messages.ts).
  {
    sdk: 'c',
    source: 'Azure/azure-iot-sdk-c/iothub_client/src/iothubtransporthttp.c',
    phrases: [
      {
        // The C SDK's log often breaks this line in two, so the second half stands on its own.
        text: 'but actually was received 401',
        meaning: 'credentials-rejected',
        example: 'Error: Time:Tue Nov 30 00:00:00 2026 File:iothubtransporthttp.c Func:DoMessages Line:2069 expected status code was 200, but actually was received 401... moving on',
      },
    ],
  },
  // Node, MQTT transport state machine: a renewed SAS token is applied by reconnecting.
  {
    sdk: 'node',
    source: 'Azure/azure-iot-sdk-node/device/transport/mqtt/src/mqtt.ts',
    phrases: [
      {
        text: 'updateSharedAccessSignature',
        meaning: 'renewal',
        example: '2026-12-01T01:02:03.456Z azure-iot-device-mqtt:Mqtt connected.updateSharedAccessSignature',
      },
    ],
  },
  // IoT Edge hub, connection manager: the cloud connection for a client could not be made (the exception follows).
  {
    sdk: 'edge',
    source: 'Azure/iotedge/edge-hub/core/src/Microsoft.Azure.Devices.Edge.Hub.Core/ConnectionManager.cs',
    phrases: [
      {
        text: 'Error getting cloud connection for device',
        meaning: 'other-error',
        example: '<6> 2026-12-01 01:02:03.456 +00:00 [INF] - Error getting cloud connection for device pump-0042/opc',
      },
    ],
  },
];
