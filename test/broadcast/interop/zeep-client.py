"""Python's zeep, built from CallFire's official WSDL (argv[1]), against the sandbox at argv[2]
with the credentials argv[3]/argv[4]. Prints one JSON object of what it got back."""
import json
import sys

from lxml import etree
from requests import Session
from requests.auth import HTTPBasicAuth
from zeep import Client
from zeep.exceptions import Fault
from zeep.transports import Transport

wsdl, base, user, password = sys.argv[1:5]
session = Session()
session.auth = HTTPBasicAuth(user, password)
client = Client(wsdl, transport=Transport(session=session, timeout=10))
NS = '{http://api.callfire.com/service/wsdl/http/soap12}'
call = client.create_service(NS + 'CallServiceBinding', base + '/call')
broadcast = client.create_service(NS + 'BroadcastServiceBinding', base + '/broadcast')


def created_id(send):
    # zeep cannot deserialize a Body whose element is a simple type (CreatedId): read it raw.
    with client.settings(raw_response=True):
        raw = send()
    return int(etree.fromstring(raw.content).findtext('.//{http://api.callfire.com/service/xsd}CreatedId'))


plan = '<dialplan name="Root"><hangup/></dialplan>'
out = {}
bid = created_id(lambda: call.SendCall(BroadcastName='From zeep', ToNumber=['13105551212', '13105551213'], IvrBroadcastConfig={'FromNumber': '12135551189', 'DialplanXml': plan}))
out['sendCall'] = bid
b = broadcast.GetBroadcast(Id=bid)
out['getBroadcast'] = {'id': int(b.id), 'Name': b.Name, 'Type': b.Type, 'DialplanXml': b.IvrBroadcastConfig.DialplanXml}
stats = broadcast.GetBroadcastStats(Id=bid).UsageStats
out['stats'] = {'Actions': int(stats.Actions), 'Duration': int(stats.Duration)}
out['queryBroadcasts'] = int(broadcast.QueryBroadcasts(MaxResults=10, FirstResult=0).TotalResults)
calls = call.QueryCalls(MaxResults=10, FirstResult=0, BroadcastId=bid)
out['queryCalls'] = {'total': int(calls.TotalResults), 'to': [c.ToNumber._value_1 if hasattr(c.ToNumber, '_value_1') else c.ToNumber for c in calls.Call]}
out['getCall'] = {'id': int(call.GetCall(Id=calls.Call[0].id).id)}
broadcast.ControlBroadcast(Id=bid, Command='ARCHIVE')
out['afterControl'] = broadcast.GetBroadcast(Id=bid).Status
out['createSound'] = created_id(lambda: call.CreateSound(Name='hello', SoundText='Hello from zeep'))
try:
    call.GetSoundMeta(Id=1)
    out['notImplemented'] = None
except Fault as f:
    code = f.detail.findtext('.//{http://api.callfire.com/service/xsd}FaultCode') if f.detail is not None else None
    out['notImplemented'] = {'message': f.message, 'faultCode': code}
print(json.dumps(out))
