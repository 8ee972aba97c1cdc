#!/usr/bin/env bash
# Makes the throwaway signing key of a build that has no maintainer's key (-Dgpg.keyname): an ed25519
# key without passphrase, in the GNUPGHOME given as $1, which nothing else uses. Run by each
# published module at validate; the first run makes the key, the others find it.
set -euo pipefail
home="$1"
uid='Sate login release check (throwaway key) <throwaway-release-check@sate-login.invalid>'
mkdir -p "$home"
chmod 700 "$home"
export GNUPGHOME="$home"
if gpg --batch --list-secret-keys 'throwaway-release-check@sate-login.invalid' >/dev/null 2>&1; then
  exit 0
fi
gpg --batch --quiet --passphrase '' --quick-generate-key "$uid" ed25519 sign 1d
echo "throwaway-gpg-key: made a signing key for this build only, in $home"
