<?php
// PHP's SoapClient, built from CallFire's official WSDL (argv[1]), against the sandbox at
// argv[2] with the credentials argv[3]/argv[4]. Prints one JSON object of what it got back.
[$_, $wsdl, $base, $user, $pass] = $argv;
$options = fn(string $service, array $more = []) => $more + [
  'soap_version' => SOAP_1_2, 'login' => $user, 'password' => $pass, 'cache_wsdl' => WSDL_CACHE_NONE,
  'exceptions' => true, 'location' => "$base/$service", 'connection_timeout' => 10,
];
$call = new SoapClient($wsdl, $options('call'));
$broadcast = new SoapClient($wsdl, $options('broadcast'));
$fault = function (callable $f) {
  try { $f(); return null; } catch (SoapFault $e) { return ['code' => $e->faultcode, 'message' => $e->getMessage(), 'faultCode' => $e->detail->ServiceFaultInfo->FaultCode ?? null]; }
};
$plan = '<dialplan name="Root"><amd><live><stash varname="heard">yes</stash><hangup/></live><machine><hangup/></machine></amd></dialplan>';
$out = [];
$id = $call->SendCall(['BroadcastName' => 'From PHP', 'ToNumber' => [['_' => '13105551212', 'ClientData' => 'php-1'], '13105551213'], 'IvrBroadcastConfig' => ['FromNumber' => '12135551189', 'DialplanXml' => $plan]]);
$out['sendCall'] = $id;
$b = $broadcast->GetBroadcast(['Id' => $id]);
$out['getBroadcast'] = ['id' => $b->id, 'Name' => $b->Name, 'Type' => $b->Type, 'DialplanXml' => $b->IvrBroadcastConfig->DialplanXml];
$stats = $broadcast->GetBroadcastStats(['Id' => $id]);
$out['stats'] = ['Actions' => $stats->UsageStats->Actions, 'Duration' => $stats->UsageStats->Duration];
$q = $broadcast->QueryBroadcasts(['MaxResults' => 10, 'FirstResult' => 0]);
$out['queryBroadcasts'] = $q->TotalResults;
$calls = $call->QueryCalls(['MaxResults' => 10, 'FirstResult' => 0, 'BroadcastId' => $id]);
$list = is_array($calls->Call) ? $calls->Call : [$calls->Call];
$out['queryCalls'] = ['total' => $calls->TotalResults, 'to' => array_map(fn($c) => is_object($c->ToNumber) ? $c->ToNumber->_ : $c->ToNumber, $list)];
$one = $call->GetCall(['Id' => $list[0]->id]);
$out['getCall'] = ['id' => $one->id, 'ClientData' => is_object($one->ToNumber) ? ($one->ToNumber->ClientData ?? null) : null];
$broadcast->ControlBroadcast(['Id' => $id, 'Command' => 'ARCHIVE']);
$out['afterControl'] = $broadcast->GetBroadcast(['Id' => $id])->Status;
$out['createSound'] = $call->CreateSound(['Name' => 'hello', 'SoundText' => 'Hello from PHP']);
$out['notImplemented'] = $fault(fn() => $call->GetSoundMeta(['Id' => 1]));
$out['badRequest'] = $fault(fn() => $call->SendCall(['ToNumber' => ['13105551212'], 'IvrBroadcastConfig' => ['DialplanXml' => '<dialplan name="Root"><bogus/></dialplan>']]));
// PHP's compression option gzips the request body (PHP always sends UTF-8, whatever its
// `encoding` option: that one names the encoding of the PHP strings it is given).
$gz = new SoapClient($wsdl, $options('call', ['compression' => SOAP_COMPRESSION_ACCEPT | SOAP_COMPRESSION_GZIP | 1]));
$out['gzip'] = $gz->SendCall(['BroadcastName' => 'Café crème', 'ToNumber' => ['13105551214'], 'VoiceBroadcastConfig' => ['LiveSoundText' => 'hi']]);
echo json_encode($out);
