<?php
// A PHP SoapServer built from CallFire's official WSDL (path in $WSDL), answering our client.
// QueryCalls returns one CallRecord object in two calls, which PHP writes as a SOAP-encoded
// multi-reference (enc:id / enc:ref).
class CallFireStandIn {
  function SendCall($request) { return 4242; }
  function GetBroadcast($request) {
    return ['id' => $request->Id, 'Name' => 'Café crème', 'Status' => 'RUNNING', 'LastModified' => '2024-01-01T00:00:00Z', 'Type' => 'IVR'];
  }
  function QueryCalls($request) {
    $record = (object)['id' => 7, 'Result' => 'LA', 'FinishTime' => '2024-01-01T00:01:00Z', 'BilledAmount' => 0.5, 'Duration' => 30];
    $call = fn($id) => (object)['id' => $id, 'FromNumber' => '12135551189', 'ToNumber' => '1310555121' . $id, 'State' => 'FINISHED', 'ContactId' => 1,
      'Inbound' => false, 'Created' => '2024-01-01T00:00:00Z', 'Modified' => '2024-01-01T00:01:00Z', 'FinalResult' => 'LA', 'CallRecord' => $record];
    return ['TotalResults' => 2, 'Call' => [$call(1), $call(2)]];
  }
}
$server = new SoapServer(getenv('WSDL'), ['soap_version' => SOAP_1_2, 'cache_wsdl' => WSDL_CACHE_NONE]);
$server->setClass('CallFireStandIn');
$server->handle();
