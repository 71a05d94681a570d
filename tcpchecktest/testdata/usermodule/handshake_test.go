package user

import (
	"testing"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/tcpchecktest"
)

func TestThreeWay(t *testing.T) {
	tcpchecktest.Verify(t, "../../../specs/three_way.yaml", tcpcheck.Options{})
}
