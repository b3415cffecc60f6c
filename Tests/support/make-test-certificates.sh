#!/bin/sh
# Test certificates for the mTLS checks, in the folder given: a CA that signs the server's and a
# client's certificate, with server/{tls.crt,tls.key,ca.crt} laid out as Crossplane mounts them, and a
# second, foreign CA with a client of its own. Used by the Swift tests and Tests/binary/check-binary.py.
set -e
cd "$1"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
ca() {
  key "$1.key"
  openssl req -x509 -new -key "$1.key" -out "$1.crt" -days 2 -subj "/CN=$1" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
}
leaf() { # name, signing CA, extended key usage, subject alternative names
  key "$1.key"
  openssl req -new -key "$1.key" -out "$1.csr" -subj "/CN=$1"
  printf "basicConstraints=CA:FALSE\nextendedKeyUsage=%s\nsubjectAltName=%s\n" "$3" "$4" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -CAcreateserial -out "$1.crt" -days 2 -extfile "$1.ext" 2>/dev/null
}
ca crossplane-ca
ca foreign-ca
leaf server crossplane-ca serverAuth DNS:localhost,IP:127.0.0.1
leaf client crossplane-ca clientAuth DNS:crossplane
leaf foreign-client foreign-ca clientAuth DNS:intruder
mkdir -p server
cp server.crt server/tls.crt
cp server.key server/tls.key
cp crossplane-ca.crt server/ca.crt
