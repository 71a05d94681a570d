module example.com/user

go 1.25.0

require github.com/tcpcheck/tcpcheck v0.0.0

require go.yaml.in/yaml/v3 v3.0.6 // indirect

replace github.com/tcpcheck/tcpcheck => ../../..
