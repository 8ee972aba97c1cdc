#!/usr/bin/env bash
# Runs the Spring Boot example against the demo's built-in Sate simulator: no Sate account needed.
# Open http://localhost:8080/sate/, click the sign-in link, sign in as alice / wonderland, Allow.
# Ctrl+C stops both. DEMO_PORT (8080) and APP_PORT (8081) choose other ports.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=demo-webapp/target/sate-login-demo.jar
example=spring-boot-example/target/sate-login-spring-boot-example.jar
demo_port=${DEMO_PORT:-8080}
app_port=${APP_PORT:-8081}
if [ ! -f "$demo" ] || [ ! -f "$example" ]; then
  mvn -B -q package -DskipTests
fi
# one API key for this trial, made up now: the simulator accepts it, the example sends it
SATE_API_KEY="sim_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export SATE_API_KEY
# the chat on localhost, the app on 127.0.0.1: two host names, so the browser keeps their cookies apart
SATE_SHOP_URL="http://127.0.0.1:$app_port" PORT="$demo_port" java -jar "$demo" &
demo_pid=$!
trap 'kill "$demo_pid" 2>/dev/null || true' EXIT
SATE_SIGNING_SECRET="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')" \
SATE_API_BASE_URL="http://127.0.0.1:$demo_port/sate" SATE_RETURN_URL="http://localhost:$demo_port/sate/back" \
SPRING_PROFILES_ACTIVE=simulator PORT="$app_port" java -jar "$example"
