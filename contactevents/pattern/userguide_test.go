package pattern

import (
	"errors"
	"testing"
)

// The EventBridge User Guide's examples, one row each, named after the
// rule they show: pages "Event patterns", "Arrays in event patterns",
// "Matching null values and empty strings", "Content filtering" and
// "Comparison operators", plus the event-ruler README's examples of the
// same operators (the engine behind EventBridge).

// ec2Event is the User Guide's Amazon EC2 event.
const ec2Event = `{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"111122223333","time":"2017-12-22T18:43:48Z","region":"us-west-1","resources":["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],"detail":{"instance-id":"i-1234567890abcdef0","state":"terminated"}}`

// rulerEvent is the event of the content-filtering examples.
const rulerEvent = `{"version":"0","id":"ddddd4-aaaa-7777-4444-345dd43cc333","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"012345679012","time":"2017-10-02T16:24:49Z","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],"detail":{"c-count":5,"d-count":3,"x-limit":301.8,"source-ip":"10.0.0.33","instance-id":"i-000000aaaaaa00000","state":"running"}}`

// nullEvent is the event of "Matching null values and empty strings".
const nullEvent = `{"version":"0","id":"3e3c153a-8339-4e30-8c35-687ebef853fe","detail-type":"EC2 Instance Launch Successful","source":"aws.autoscaling","account":"123456789012","time":"2015-11-11T21:31:47Z","region":"us-east-1","resources":[],"detail":{"eventVersion":"","responseElements":null}}`

type guideCase struct {
	name    string
	event   string
	pattern string
	want    bool
}

var userGuide = []guideCase{
	// Event patterns
	{"fields are and-ed: EC2 instance termination", ec2Event, `{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":["terminated"]}}`, true},
	{"fields are and-ed: one field differs", ec2Event, `{"source":["aws.ec2"],"detail":{"state":["running"]}}`, false},
	{"values are or-ed", ec2Event, `{"detail":{"state":["pending","terminated"]}}`, true},
	{"matching is case-sensitive", ec2Event, `{"source":["AWS.EC2"]}`, false},
	{"a field the event lacks does not match", ec2Event, `{"detail":{"c-count":[5]}}`, false},
	{"fields the pattern does not name are ignored", ec2Event, `{"region":["us-west-1"]}`, true},
	{"Location and Day", `{"Location":"New York","Day":"Monday"}`, `{"Location":["New York"],"Day":["Monday"]}`, true},

	// Comparison operators (the summary table)
	{"begins with: Region is in the US", `{"Region":"us-east-1"}`, `{"Region":[{"prefix":"us-"}]}`, true},
	{"begins with: Region is not in the US", `{"Region":"eu-west-1"}`, `{"Region":[{"prefix":"us-"}]}`, false},
	{"empty: LastName is empty", `{"LastName":""}`, `{"LastName":[""]}`, true},
	{"empty: LastName is not empty", `{"LastName":"Doe"}`, `{"LastName":[""]}`, false},
	{"equals: Name is Alice", `{"Name":"Alice"}`, `{"Name":["Alice"]}`, true},
	{"equals: Name is alice", `{"Name":"alice"}`, `{"Name":["Alice"]}`, false},
	{"exists: ProductName exists", `{"ProductName":"Shoe"}`, `{"ProductName":[{"exists":true}]}`, true},
	{"does not exist: ProductName does not exist", `{"Product":"Shoe"}`, `{"ProductName":[{"exists":false}]}`, true},
	{"not: Weather is anything but Raining", `{"Weather":"Sunny"}`, `{"Weather":[{"anything-but":["Raining"]}]}`, true},
	{"not: Weather is Raining", `{"Weather":"Raining"}`, `{"Weather":[{"anything-but":["Raining"]}]}`, false},
	{"null: UserID is null", `{"UserID":null}`, `{"UserID":[null]}`, true},
	{"numeric equals: Price is 100", `{"Price":100}`, `{"Price":[{"numeric":["=",100]}]}`, true},
	{"numeric equals: Price is 100.0", `{"Price":100.0}`, `{"Price":[{"numeric":["=",100]}]}`, true},
	{"numeric range: Price above 10 and at most 20", `{"Price":20}`, `{"Price":[{"numeric":[">",10,"<=",20]}]}`, true},
	{"numeric range: Price 10 is not above 10", `{"Price":10}`, `{"Price":[{"numeric":[">",10,"<=",20]}]}`, false},
	{"or: PaymentType is Credit or Debit", `{"PaymentType":"Debit"}`, `{"PaymentType":["Credit","Debit"]}`, true},
	{"or (multiple fields): Location or Day", `{"Location":"Paris","Day":"Monday"}`, `{"$or":[{"Location":["New York"]},{"Day":["Monday"]}]}`, true},
	{"or (multiple fields): neither", `{"Location":"Paris","Day":"Tuesday"}`, `{"$or":[{"Location":["New York"]},{"Day":["Monday"]}]}`, false},
	{"wildcard: a .png file in the folder dir", `{"FileName":"dir/image.png"}`, `{"FileName":[{"wildcard":"dir/*.png"}]}`, true},
	{"wildcard: a .png file elsewhere", `{"FileName":"other/image.png"}`, `{"FileName":[{"wildcard":"dir/*.png"}]}`, false},

	// Arrays in event patterns
	{"array intersection is non-empty", `{"resources":["arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate","arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}`, `{"resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f","arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f","arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f"]}`, true},
	{"array intersection is empty", `{"resources":["arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f"]}`, `{"resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}`, false},
	{"array of objects: fields within one element", `{"employees":[{"firstName":"John","lastName":"Doe"},{"firstName":"Anna","lastName":"Smith"},{"firstName":"Peter","lastName":"Jones"}]}`, `{"employees":{"firstName":["Anna"]}}`, true},
	{"array of objects: fields across elements do not match", `{"employees":[{"firstName":"John","lastName":"Doe"},{"firstName":"Anna","lastName":"Smith"},{"firstName":"Peter","lastName":"Jones"}]}`, `{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}`, false},
	{"nested arrays of objects", `{"employees":[[{"firstName":"John","lastName":"Doe"},{"firstName":"Anna","lastName":"Smith"}],[{"firstName":"Peter","lastName":"Jones"}]]}`, `{"employees":{"firstName":["Peter"],"lastName":["Jones"]}}`, true},

	// Matching null values and empty strings
	{"empty string matches empty string", nullEvent, `{"detail":{"eventVersion":[""]}}`, true},
	{"null matches null", nullEvent, `{"detail":{"responseElements":[null]}}`, true},
	{"empty string does not match null", nullEvent, `{"detail":{"responseElements":[""]}}`, false},
	{"null does not match empty string", nullEvent, `{"detail":{"eventVersion":[null]}}`, false},
	{"null does not match a missing field", nullEvent, `{"detail":{"missing":[null]}}`, false},

	// Content filtering: prefix and suffix
	{"prefix matching", rulerEvent, `{"time":[{"prefix":"2017-10-02"}]}`, true},
	{"prefix matching: other prefix", rulerEvent, `{"time":[{"prefix":"2018"}]}`, false},
	{"prefix matching ignores numbers", `{"n":2017}`, `{"n":[{"prefix":"2"}]}`, false},
	{"prefix equals-ignore-case", `{"service":"EventBridge"}`, `{"service":[{"prefix":{"equals-ignore-case":"eventb"}}]}`, true},
	{"prefix equals-ignore-case: EC2", rulerEvent, `{"source":[{"prefix":{"equals-ignore-case":"AWS.EC"}}]}`, true},
	{"suffix matching", `{"FileName":"image.png"}`, `{"FileName":[{"suffix":".png"}]}`, true},
	{"suffix matching: other suffix", `{"FileName":"image.jpg"}`, `{"FileName":[{"suffix":".png"}]}`, false},
	{"suffix equals-ignore-case", `{"service":"EventBridge"}`, `{"service":[{"suffix":{"equals-ignore-case":"tbridge"}}]}`, true},
	{"suffix equals-ignore-case: EC2", rulerEvent, `{"source":[{"suffix":{"equals-ignore-case":"EC2"}}]}`, true},

	// anything-but
	{"anything-but a string", rulerEvent, `{"detail":{"state":[{"anything-but":"initializing"}]}}`, true},
	{"anything-but a string: excluded", `{"detail":{"state":"initializing"}}`, `{"detail":{"state":[{"anything-but":"initializing"}]}}`, false},
	{"anything-but a number", rulerEvent, `{"detail":{"x-limit":[{"anything-but":123}]}}`, true},
	{"anything-but a number: excluded by value", `{"detail":{"x-limit":1.23e2}}`, `{"detail":{"x-limit":[{"anything-but":123}]}}`, false},
	{"anything-but a list of strings", rulerEvent, `{"detail":{"state":[{"anything-but":["stopped","overloaded"]}]}}`, true},
	{"anything-but a list of strings: excluded", `{"detail":{"state":"stopped"}}`, `{"detail":{"state":[{"anything-but":["stopped","overloaded"]}]}}`, false},
	{"anything-but a list of numbers", rulerEvent, `{"detail":{"x-limit":[{"anything-but":[100,200,300]}]}}`, true},
	{"anything-but a list of numbers: excluded", `{"detail":{"x-limit":200}}`, `{"detail":{"x-limit":[{"anything-but":[100,200,300]}]}}`, false},
	{"anything-but does not match a missing field", `{"detail":{}}`, `{"detail":{"state":[{"anything-but":"initializing"}]}}`, false},
	{"anything-but prefix", rulerEvent, `{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}`, true},
	{"anything-but prefix: excluded", `{"detail":{"state":"initializing"}}`, `{"detail":{"state":[{"anything-but":{"prefix":"init"}}]}}`, false},
	{"anything-but prefix: region not in the US", `{"Region":"us-east-1"}`, `{"Region":[{"anything-but":{"prefix":"us-"}}]}`, false},
	{"anything-but prefix list", `{"detail":{"state":"error: disk"}}`, `{"detail":{"state":[{"anything-but":{"prefix":["init","error"]}}]}}`, false},
	{"anything-but suffix", rulerEvent, `{"detail":{"instance-id":[{"anything-but":{"suffix":"1234"}}]}}`, true},
	{"anything-but suffix: not a .png", `{"FileName":"image.png"}`, `{"FileName":[{"anything-but":{"suffix":".png"}}]}`, false},
	{"anything-but suffix list", `{"detail":{"instance-id":"i-6789"}}`, `{"detail":{"instance-id":[{"anything-but":{"suffix":["1234","6789"]}}]}}`, false},
	{"anything-but equals-ignore-case", `{"detail":{"state":"INITIALIZING"}}`, `{"detail":{"state":[{"anything-but":{"equals-ignore-case":"initializing"}}]}}`, false},
	{"anything-but equals-ignore-case: other value", rulerEvent, `{"detail":{"state":[{"anything-but":{"equals-ignore-case":"Stopped"}}]}}`, true},
	{"anything-but equals-ignore-case list", `{"detail":{"state":"overloaded"}}`, `{"detail":{"state":[{"anything-but":{"equals-ignore-case":["Stopped","OverLoaded"]}}]}}`, false},
	{"anything-but wildcard", `{"FilePath":"/usr/lib/libc.so"}`, `{"FilePath":[{"anything-but":{"wildcard":"*/lib/*"}}]}`, false},
	{"anything-but wildcard: other path", `{"FilePath":"/usr/bin/ls"}`, `{"FilePath":[{"anything-but":{"wildcard":"*/lib/*"}}]}`, true},
	{"anything-but wildcard list", `{"detail":{"state":"/opt/bin/app.class"}}`, `{"detail":{"state":[{"anything-but":{"wildcard":["*/bin/*.jar","*/bin/*.class"]}}]}}`, false},
	{"anything-but matches a value of another type", `{"detail":{"state":5}}`, `{"detail":{"state":[{"anything-but":"initializing"}]}}`, true},

	// equals-ignore-case and wildcard
	{"equals-ignore-case", rulerEvent, `{"detail-type":[{"equals-ignore-case":"ec2 instance state-change notification"}]}`, true},
	{"equals-ignore-case: Name is Alice", `{"Name":"Alice"}`, `{"Name":[{"equals-ignore-case":"alice"}]}`, true},
	{"wildcard: event bus ARN", `{"EventBusArn":"arn:aws:events:us-east-1:123456789012:event-bus/default"}`, `{"EventBusArn":[{"wildcard":"arn:aws:events:us-east-1:*:event-bus/*"}]}`, true},
	{"wildcard: Simple*Service", `{"source":"SimpleQueueService"}`, `{"source":[{"wildcard":"Simple*Service"}]}`, true},
	{"wildcard: *.png", `{"FileName":"dir/sub/a.png"}`, `{"FileName":[{"wildcard":"*.png"}]}`, true},
	{"wildcard: *Title*", `{"title":"The Title Page"}`, `{"title":[{"wildcard":"*Title*"}]}`, true},
	{"wildcard: no match", `{"FileName":"a.jpg"}`, `{"FileName":[{"wildcard":"*.png"}]}`, false},
	{"wildcard: escaped star is literal", `{"k":"a*b"}`, `{"k":[{"wildcard":"a\\*b"}]}`, true},
	{"wildcard: escaped star does not match other text", `{"k":"axb"}`, `{"k":[{"wildcard":"a\\*b"}]}`, false},

	// numeric
	{"numeric matching", rulerEvent, `{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}],"d-count":[{"numeric":["<",10]}],"x-limit":[{"numeric":["=",3.018e2]}]}}`, true},
	{"numeric matching: out of range", rulerEvent, `{"detail":{"c-count":[{"numeric":[">",5]}]}}`, false},
	{"numeric matching only works on numbers", `{"detail":{"c-count":"5"}}`, `{"detail":{"c-count":[{"numeric":[">",0]}]}}`, false},
	{"numeric exact value matches any spelling", `{"price_usd":3.015e2}`, `{"price_usd":[301.5]}`, true},

	// cidr
	{"IP address matching", rulerEvent, `{"detail":{"source-ip":[{"cidr":"10.0.0.0/24"}]}}`, true},
	{"IP address matching: outside the block", rulerEvent, `{"detail":{"source-ip":[{"cidr":"10.0.1.0/24"}]}}`, false},
	{"IP address matching: IPv6", `{"sourceIPAddress":"2001:db8::1"}`, `{"sourceIPAddress":[{"cidr":"2001:db8::/64"}]}`, true},
	{"IP address matching: not an address", `{"sourceIPAddress":"host.example"}`, `{"sourceIPAddress":[{"cidr":"10.0.0.0/8"}]}`, false},

	// exists
	{"exists true", rulerEvent, `{"detail":{"state":[{"exists":true}]}}`, true},
	{"exists true: missing field", rulerEvent, `{"detail":{"c-count-x":[{"exists":true}]}}`, false},
	{"exists false", ec2Event, `{"detail":{"c-count":[{"exists":false}]}}`, true},
	{"exists false: present field", rulerEvent, `{"detail":{"c-count":[{"exists":false}]}}`, false},
	{"exists only works on leaf nodes: false on an object", `{"detail":{"state":"running","c-count":{"c1":100}}}`, `{"detail":{"c-count":[{"exists":false}]}}`, true},
	{"exists only works on leaf nodes: true on an object", `{"detail":{"state":"running","c-count":{"c1":100}}}`, `{"detail":{"c-count":[{"exists":true}]}}`, false},
	{"exists true matches a null leaf", nullEvent, `{"detail":{"responseElements":[{"exists":true}]}}`, true},
	{"exists false or a value", `{"detail":{}}`, `{"detail":{"tier":[{"anything-but":["gold","silver"]},{"exists":false}]}}`, true},

	// complex example
	{"complex example", rulerEvent, `{"time":[{"prefix":"2017-10-02"}],"detail":{"state":[{"anything-but":"initializing"}],"c-count":[{"numeric":[">",0,"<=",5]}],"d-count":[{"numeric":["<",10]}],"x-limit":[{"anything-but":[100,200,300]}],"source-ip":[{"cidr":"10.0.0.0/8"}]}}`, true},

	// $or
	{"$or of numeric conditions", rulerEvent, `{"detail":{"$or":[{"c-count":[{"numeric":[">",0,"<=",5]}]},{"d-count":[{"numeric":["<",10]}]},{"x-limit":[{"numeric":["=",3.018e2]}]}]}}`, true},
	{"$or: no branch matches", rulerEvent, `{"detail":{"$or":[{"c-count":[{"numeric":[">",5]}]},{"d-count":[{"numeric":[">",10]}]}]}}`, false},
	{"$or with a field: source and (metricName or namespace)", `{"source":"aws.cloudwatch","namespace":"AWS/EC2"}`, `{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"namespace":["AWS/EC2","AWS/ES"]}]}`, true},
	{"$or with a field: the field fails", `{"source":"aws.ec2","namespace":"AWS/EC2"}`, `{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"namespace":["AWS/EC2","AWS/ES"]}]}`, false},
	{"parallel $or", `{"metricName":"ReadLatency","detail":{"detail-type":"CloudWatch Alarm State Change"}}`, `{"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"namespace":["AWS/EC2","AWS/ES"]}],"detail":{"$or":[{"source":["aws.cloudwatch"]},{"detail-type":["CloudWatch Alarm State Change"]}]}}`, true},
	{"$or has an and inside", `{"source":"aws.cloudwatch","metricType":"MetricType","namespace":"AWS/ES"}`, `{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"metricType":["MetricType"],"namespace":["AWS/EC2","AWS/ES"]},{"scope":["Service"]}]}`, true},
	{"$or has an and inside: half of the and", `{"source":"aws.cloudwatch","metricType":"MetricType"}`, `{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"metricType":["MetricType"],"namespace":["AWS/EC2","AWS/ES"]},{"scope":["Service"]}]}`, false},
	{"nested $or and and", `{"source":"aws.cloudwatch","metricType":"MetricType","namespace":"AWS/EC2","spaceId":1000}`, `{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"metricType":["MetricType"],"namespace":["AWS/EC2","AWS/ES"],"$or":[{"metricId":[1234]},{"spaceId":[1000]}]},{"scope":["Service"]}]}`, true},
	{"nested $or and and: inner $or fails", `{"source":"aws.cloudwatch","metricType":"MetricType","namespace":"AWS/EC2","spaceId":1001}`, `{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"metricType":["MetricType"],"namespace":["AWS/EC2","AWS/ES"],"$or":[{"metricId":[1234]},{"spaceId":[1000]}]},{"scope":["Service"]}]}`, false},
}

// invalidPatterns are patterns EventBridge refuses, with the JSON Pointer
// our error names.
var invalidPatterns = []struct {
	name, pattern, pointer string
}{
	{"a leaf is not an array", `{"source":"aws.ec2"}`, "/source"},
	{"a pattern is an object", `["aws.ec2"]`, ""},
	{"empty arrays are not allowed", `{"source":[]}`, "/source"},
	{"empty objects are not allowed", `{"detail":{}}`, "/detail"},
	{"empty pattern", `{}`, ""},
	{"a value cannot be an array", `{"source":[["aws.ec2"]]}`, "/source/0"},
	{"unknown operator", `{"source":[{"startswith":"aws."}]}`, "/source/0/startswith"},
	{"an operator object has one operator", `{"source":[{"prefix":"aws.","suffix":"ec2"}]}`, "/source/0"},
	{"an operator object needs an operator", `{"source":[{}]}`, "/source/0"},
	{"prefix takes a string", `{"source":[{"prefix":5}]}`, "/source/0/prefix"},
	{"suffix takes a string", `{"source":[{"suffix":null}]}`, "/source/0/suffix"},
	{"prefix equals-ignore-case takes a string", `{"source":[{"prefix":{"equals-ignore-case":1}}]}`, "/source/0/prefix/equals-ignore-case"},
	{"prefix takes only equals-ignore-case", `{"source":[{"prefix":{"wildcard":"a*"}}]}`, "/source/0/prefix"},
	{"equals-ignore-case takes a string", `{"source":[{"equals-ignore-case":["a"]}]}`, "/source/0/equals-ignore-case"},
	{"consecutive wildcard characters", `{"source":[{"wildcard":"a**b"}]}`, "/source/0/wildcard"},
	{"invalid wildcard escape", `{"source":[{"wildcard":"a\\b"}]}`, "/source/0/wildcard"},
	{"anything-but mixed types", `{"x":[{"anything-but":["a",1]}]}`, "/x/0/anything-but"},
	{"anything-but empty list", `{"x":[{"anything-but":[]}]}`, "/x/0/anything-but"},
	{"anything-but null", `{"x":[{"anything-but":null}]}`, "/x/0/anything-but"},
	{"anything-but boolean in a list", `{"x":[{"anything-but":[true]}]}`, "/x/0/anything-but/0"},
	{"anything-but unknown operator", `{"x":[{"anything-but":{"numeric":[">",1]}}]}`, "/x/0/anything-but/numeric"},
	{"anything-but prefix takes strings", `{"x":[{"anything-but":{"prefix":[1]}}]}`, "/x/0/anything-but/prefix/0"},
	{"anything-but wildcard consecutive", `{"x":[{"anything-but":{"wildcard":["*/lib/**"]}}]}`, "/x/0/anything-but/wildcard/0"},
	{"numeric takes an array", `{"x":[{"numeric":">"}]}`, "/x/0/numeric"},
	{"numeric unknown operator", `{"x":[{"numeric":["!=",1]}]}`, "/x/0/numeric/0"},
	{"numeric operand must be a number", `{"x":[{"numeric":[">","1"]}]}`, "/x/0/numeric/1"},
	{"numeric missing operand", `{"x":[{"numeric":[">"]}]}`, "/x/0/numeric"},
	{"numeric upper bound first", `{"x":[{"numeric":["<",1,">",0]}]}`, "/x/0/numeric/2"},
	{"numeric too many terms", `{"x":[{"numeric":[">",0,"<",5,"<",6]}]}`, "/x/0/numeric/4"},
	{"numeric number out of range", `{"x":[{"numeric":[">",1e400]}]}`, "/x/0/numeric/1"},
	{"numeric number beyond float64 precision", `{"x":[{"numeric":["=",0.10000000000000000001]}]}`, "/x/0/numeric/1"},
	{"numeric range bottom above top", `{"x":[{"numeric":[">",30,"<",1]}]}`, "/x/0/numeric"},
	{"numeric range bottom equal to top", `{"x":[{"numeric":[">=",5,"<=",5]}]}`, "/x/0/numeric"},
	{"anything-but empty prefix", `{"a":[{"anything-but":{"prefix":""}}]}`, "/a/0/anything-but/prefix"},
	{"anything-but empty suffix in a list", `{"a":[{"anything-but":{"suffix":["x",""]}}]}`, "/a/0/anything-but/suffix/1"},
	{"wildcard too complex", `{"EventBusArn":[{"wildcard":"*:*:*:*:*:event-bus/*"}]}`, "/EventBusArn/0"},
	{"cidr malformed", `{"ip":[{"cidr":"10.0.0.0"}]}`, "/ip/0/cidr"},
	{"cidr bad address", `{"ip":[{"cidr":"10.0.0.256/24"}]}`, "/ip/0/cidr"},
	{"cidr bad mask", `{"ip":[{"cidr":"10.0.0.0/x"}]}`, "/ip/0/cidr"},
	{"cidr mask too long", `{"ip":[{"cidr":"10.0.0.0/33"}]}`, "/ip/0/cidr"},
	{"cidr takes a string", `{"ip":[{"cidr":10}]}`, "/ip/0/cidr"},
	{"exists takes a boolean", `{"x":[{"exists":"true"}]}`, "/x/0/exists"},
	{"$or needs an array", `{"$or":{"a":["b"]}}`, "/$or"},
	{"$or needs two objects", `{"$or":[{"a":["b"]}]}`, "/$or"},
	{"$or takes objects", `{"$or":[{"a":["b"]},["c"]]}`, "/$or/1"},
	{"operator names are reserved inside $or", `{"$or":[{"numeric":[1]},{"prefix":["abc"]}]}`, "/$or/0/numeric"},
	{"duplicate key", `{"source":["a"],"source":["b"]}`, "/source"},
	{"malformed JSON", `{"source":["aws.connect"]`, ""},
}

func TestUserGuide(t *testing.T) {
	for _, c := range userGuide {
		t.Run(c.name, func(t *testing.T) {
			p, err := Compile([]byte(c.pattern))
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			got, err := p.Match([]byte(c.event))
			if err != nil {
				t.Fatalf("Match: %v", err)
			}
			if got != c.want {
				t.Errorf("Match = %v, want %v\npattern %s\nevent   %s", got, c.want, c.pattern, c.event)
			}
			pv, _ := decode([]byte(c.pattern))
			ev, _ := decode([]byte(c.event))
			if ref := refMatch(pv, ev); ref != c.want {
				t.Errorf("reference evaluator = %v, want %v", ref, c.want)
			}
		})
	}
}

func TestInvalidPatterns(t *testing.T) {
	for _, c := range invalidPatterns {
		t.Run(c.name, func(t *testing.T) {
			_, err := Compile([]byte(c.pattern))
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("Compile(%s) = %v, want an *Error", c.pattern, err)
			}
			if perr.Pointer != c.pointer {
				t.Errorf("Pointer = %q, want %q (%v)", perr.Pointer, c.pointer, err)
			}
			if perr.Msg == "" {
				t.Error("no message")
			}
		})
	}
}

// TestWildcardEndingInBackslashIsAnError: a wildcard operand ending in a
// lone backslash once made Compile panic (index out of range in splitGlob,
// issue 17); it is an invalid escape, reported at the operand.
func TestWildcardEndingInBackslashIsAnError(t *testing.T) {
	for _, c := range []struct{ pattern, pointer string }{
		{`{"detail":{"x":[{"wildcard":"a\\"}]}}`, "/detail/x/0/wildcard"},
		{`{"x":[{"anything-but":{"wildcard":["a*\\"]}}]}`, "/x/0/anything-but/wildcard/0"},
		{`{"":[{"wildcard":"\\"`, "//0/wildcard"}, // the fuzzer's, truncated after the operand
	} {
		_, err := Compile([]byte(c.pattern))
		var perr *Error
		if !errors.As(err, &perr) || perr.Pointer != c.pointer {
			t.Errorf("Compile(%s) = %v, want an *Error at %q", c.pattern, err, c.pointer)
		}
	}
}
