#!/usr/bin/env bash
# npm run live:build-worker — builds mediasoup's media worker (mediasoup-worker) from the mediasoup
# package's own C++ sources with Debian bookworm's packages only: for machines that reach neither
# GitHub (mediasoup's prebuilt workers) nor PyPI (the meson its build installs), such as this
# project's CI machines. Where the internet is reachable, prefer `npm run live:install-worker`,
# which installs the worker exactly as mediasoup intends.
#
# How: the meson subprojects the worker would download (openssl, libuv, libsrtp3, usrsctp,
# abseil-cpp, flatbuffers, catch2) are replaced by small local subprojects that wrap Debian's
# packages through pkg-config. libsrtp3 (versatica's 3.0 beta fork) is not in Debian: a header maps
# the libsrtp 3 calls the worker makes onto Debian's libsrtp2 2.5. FlatBuffers headers come from
# Debian's flatc 2.0.8. liburing is off (Debian's 2.3 lacks calls the worker uses), so the worker
# does its I/O through libuv. The one edit to mediasoup's own files lowers meson_version to 1.0
# (bookworm ships meson 1.0.1). The worker links to Debian's shared libraries (libssl3, libuv1,
# libsrtp2-1, libusrsctp2, libabsl20220623), so it runs on bookworm with those installed.
#
# The result goes to ~/.cache/duijie/mediasoup-worker-<version>; scripts/test.sh and scripts/demo.sh
# use it when MEDIASOUP_WORKER_BIN is not set. Takes about 8 minutes on two cores.
#   JOBS=2 (ninja parallelism)   SKIP_APT=1 (packages already installed)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
MEDIASOUP_DIR=$REPO/node_modules/mediasoup
MS_VERSION=$(node -p "require('$MEDIASOUP_DIR/package.json').version")
BASE=$(mktemp -d)
trap 'rm -rf "$BASE"' EXIT
JOBS=${JOBS:-2}
OUT=${HOME}/.cache/duijie/mediasoup-worker-$MS_VERSION
start=$(date +%s)

echo "▶ Debian 软件包 / Debian packages"
if [ "${SKIP_APT:-0}" != 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends \
    build-essential meson ninja-build pkg-config python3 \
    libssl-dev libuv1-dev libsrtp2-dev libusrsctp-dev \
    libflatbuffers-dev flatbuffers-compiler libabsl-dev >/dev/null
fi

echo "▶ mediasoup $MS_VERSION 源码 / sources: $MEDIASOUP_DIR/worker"
W=$BASE/worker
cp -r "$MEDIASOUP_DIR/worker" "$W"
cd "$W"

# Patch the copy: meson 1.0.1 from bookworm, and local subprojects over Debian packages.
sed -i "s/meson_version: '>= 1.1.0'/meson_version: '>= 1.0.0'/" meson.build
# Debian's libssl is built with kTLS: OpenSSL asks the BIO (BIO_get_ktls_send) and the worker's
# BIO callback answered 1 for every non-write return, so OpenSSL took the BIO for kTLS, allocated
# no write buffer and crashed (SIGSEGV) writing the first DTLS record. Return what the BIO returned.
sed -i 's/(operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1;/(operationType \& BIO_CB_RETURN) ? static_cast<long>(ret) : 1;/' src/RTC/DtlsTransport.cpp
grep -q '(operationType & BIO_CB_RETURN)' src/RTC/DtlsTransport.cpp
rm -f subprojects/{openssl,libuv,libsrtp3,usrsctp,abseil-cpp,catch2,flatbuffers}.wrap
S=subprojects
mkdir -p $S/{openssl,libuv,libsrtp3/compat,usrsctp,abseil-cpp,catch2,flatbuffers}
for d in openssl libuv libsrtp3 usrsctp abseil-cpp catch2 flatbuffers; do
  echo '/* empty: the real code comes from Debian shared libraries */' > $S/$d/stub.c
done

cat > $S/openssl/meson.build <<'EOF'
project('openssl', 'c')
openssl_dep = dependency('openssl')
libssl_dep = dependency('libssl')
libcrypto_dep = dependency('libcrypto')
libcrypto_lib = static_library('openssl_stub', 'stub.c')
libssl_lib = libcrypto_lib
EOF

cat > $S/libuv/meson.build <<'EOF'
project('libuv', 'c')
libuv_dep = dependency('libuv')
libuv = static_library('libuv_stub', 'stub.c')
EOF
cat > $S/libuv/meson_options.txt <<'EOF'
option('build_tests', type: 'boolean', value: false)
option('build_benchmarks', type: 'boolean', value: false)
EOF

cat > $S/usrsctp/meson.build <<'EOF'
project('usrsctp', 'c')
usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('usrsctp_stub', 'stub.c')
EOF
cat > $S/usrsctp/meson_options.txt <<'EOF'
option('sctp_build_programs', type: 'boolean', value: false)
EOF

cat > $S/flatbuffers/meson.build <<'EOF'
project('flatbuffers', ['c', 'cpp'])
# flatc itself is found by fbs/meson.build as /usr/bin/flatc (flatbuffers-compiler).
flatbuffers_dep = dependency('flatbuffers')
flatbuffers_lib = static_library('flatbuffers_stub', 'stub.c')
EOF

cat > $S/catch2/meson.build <<'EOF'
project('catch2', 'c')
# Only used by mediasoup-worker-test, which is not built here.
catch2_dep = declare_dependency()
catch2_with_main_dep = catch2_dep
EOF

cat > $S/abseil-cpp/meson.build <<'EOF'
project('abseil-cpp', ['c', 'cpp'])
absl_container_dep = declare_dependency(dependencies: [
  dependency('absl_flat_hash_map'), dependency('absl_flat_hash_set'),
  dependency('absl_btree'), dependency('absl_inlined_vector'),
])
absl_strings_dep = dependency('absl_strings')
absl_types_dep = declare_dependency(dependencies: [dependency('absl_optional'), dependency('absl_memory')])
absl_container_lib = static_library('absl_stub', 'stub.c')
EOF

cat > $S/libsrtp3/meson.build <<'EOF'
project('libsrtp3', 'c')
# libsrtp 3.x API shim (compat/srtp.h) on top of Debian's libsrtp2.
libsrtp3_dep = declare_dependency(
  dependencies: dependency('libsrtp2'),
  include_directories: include_directories('compat'),
)
libsrtp3 = static_library('libsrtp3_stub', 'stub.c')
EOF
cat > $S/libsrtp3/meson_options.txt <<'EOF'
option('crypto-library', type: 'string', value: 'openssl')
option('crypto-library-kdf', type: 'feature', value: 'disabled')
option('tests', type: 'feature', value: 'disabled')
EOF

cat > $S/libsrtp3/compat/srtp.h <<'EOF'
// Compatibility shim: exposes the subset of the libsrtp 3.x API used by the
// mediasoup worker on top of Debian's libsrtp2 (2.5.x).
#ifndef MS_COMPAT_SRTP3_SHIM_H
#define MS_COMPAT_SRTP3_SHIM_H

#include <srtp2/srtp.h>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

// Error codes added in libsrtp 3.x (values as in libsrtp 3).
#define srtp_err_status_buffer_small static_cast<srtp_err_status_t>(28)
#define srtp_err_status_cryptex_err static_cast<srtp_err_status_t>(29)

namespace ms_srtp3_compat
{
	// libsrtp2 works in place: copy input to the output buffer (if different)
	// and check that it has room for the trailer.
	inline srtp_err_status_t prepare(
	  const uint8_t* in, size_t inLen, uint8_t* out, size_t outCap, size_t extra, int* len)
	{
		if (inLen > static_cast<size_t>(INT_MAX) - extra || outCap < inLen + extra)
			return srtp_err_status_buffer_small;
		if (out != in)
			std::memmove(out, in, inLen);
		*len = static_cast<int>(inLen);
		return srtp_err_status_ok;
	}
} // namespace ms_srtp3_compat

// libsrtp3: srtp_protect(ctx, rtp, rtp_len, srtp, srtp_len, mki_index).
inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t /*mkiIndex*/)
{
	int len;
	srtp_err_status_t err =
	  ms_srtp3_compat::prepare(rtp, rtpLen, srtp, *srtpLen, SRTP_MAX_TRAILER_LEN, &len);
	if (err != srtp_err_status_ok)
		return err;
	err = srtp_protect(ctx, static_cast<void*>(srtp), &len);
	if (err == srtp_err_status_ok)
		*srtpLen = static_cast<size_t>(len);
	return err;
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	int len;
	srtp_err_status_t err = ms_srtp3_compat::prepare(srtp, srtpLen, rtp, *rtpLen, 0, &len);
	if (err != srtp_err_status_ok)
		return err;
	err = srtp_unprotect(ctx, static_cast<void*>(rtp), &len);
	if (err == srtp_err_status_ok)
		*rtpLen = static_cast<size_t>(len);
	return err;
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t /*mkiIndex*/)
{
	int len;
	srtp_err_status_t err =
	  ms_srtp3_compat::prepare(rtcp, rtcpLen, srtcp, *srtcpLen, SRTP_MAX_TRAILER_LEN + 4, &len);
	if (err != srtp_err_status_ok)
		return err;
	err = srtp_protect_rtcp(ctx, static_cast<void*>(srtcp), &len);
	if (err == srtp_err_status_ok)
		*srtcpLen = static_cast<size_t>(len);
	return err;
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	int len;
	srtp_err_status_t err = ms_srtp3_compat::prepare(srtcp, srtcpLen, rtcp, *rtcpLen, 0, &len);
	if (err != srtp_err_status_ok)
		return err;
	err = srtp_unprotect_rtcp(ctx, static_cast<void*>(rtcp), &len);
	if (err == srtp_err_status_ok)
		*rtcpLen = static_cast<size_t>(len);
	return err;
}

// libsrtp3 renamed srtp_remove_stream() to srtp_stream_remove().
inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

#endif
EOF

echo "▶ 配置与编译 / configure and build"
# Configure (no downloads) and build only mediasoup-worker.
meson setup build --buildtype=release --wrap-mode=nodownload -Dms_disable_liburing=true >"$BASE/meson-setup.log" 2>&1 ||
  { tail -40 "$BASE/meson-setup.log"; exit 1; }
# The generated FBS/*.h headers are not an order-only dependency of the
# objects, so generate them first.
nice ninja -C build fbs/FBS
nice ninja -C build -j"$JOBS" mediasoup-worker

mkdir -p "$(dirname "$OUT")"
cp build/mediasoup-worker "$OUT"
echo "已构建 / built in $(( $(date +%s) - start )) s: $OUT"
echo "使用 / use: export MEDIASOUP_WORKER_BIN=$OUT"
