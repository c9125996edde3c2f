/**
 * Every operation of CallFire's SOAP API 1.1, by the request element its WSDL names
 * (`callfire-service.wsdl`, the port types Broadcast, Call, Contact, Label, Number,
 * Subscription and Text). The client and the sandbox implement the eight in
 * `OPERATIONS` (soap-operations.ts); for the others the sandbox answers with CallFire's own
 * NOT_IMPLEMENTED fault naming the operation, instead of calling a real request invalid.
 *
 * @module
 */

/** Request element (in the service namespace) → the operation it asks for. */
export const OFFICIAL_OPERATIONS: ReadonlyMap<string, string> = new Map([
  ...[
    'CreateBroadcast', 'QueryBroadcasts', 'GetBroadcast', 'UpdateBroadcast', 'GetBroadcastStats', 'ControlBroadcast',
    'CreateContactBatch', 'QueryContactBatches', 'GetContactBatch', 'ControlContactBatch',
    'CreateBroadcastSchedule', 'GetBroadcastSchedule', 'DeleteBroadcastSchedule',
    'CreateSubscription', 'QuerySubscriptions', 'GetSubscription', 'UpdateSubscription', 'DeleteSubscription',
    'SendText', 'QueryTexts', 'GetText', 'CreateAutoReply', 'QueryAutoReplies', 'GetAutoReply', 'DeleteAutoReply',
    'SendCall', 'QueryCalls', 'GetCall', 'CreateSound', 'QuerySoundMeta', 'GetSoundMeta', 'GetSoundData', 'GetRecordingData',
    'QueryContacts', 'UpdateContacts', 'RemoveContacts', 'GetContact', 'GetContactHistory', 'CreateContactList',
    'QueryContactLists', 'DeleteContactList', 'AddContactsToList', 'GetContactList', 'RemoveContactsFromList',
    'QueryRegions', 'QueryNumbers', 'GetNumber', 'ConfigureNumber', 'SearchAvailableNumbers', 'QueryKeywords',
    'SearchAvailableKeywords', 'CreateNumberOrder', 'GetNumberOrder', 'Release',
    'DeleteLabel', 'QueryLabels', 'LabelBroadcast', 'UnlabelBroadcast', 'LabelNumber', 'UnlabelNumber',
  ].map((name) => [name, name] as const),
  // The one operation whose request element is named differently.
  ['QueryBroadcastSchedules', 'QueryBroadcastSchedule'],
]);
