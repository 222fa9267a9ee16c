#!/usr/bin/env bash
# Wait for an Azure ML job to finish: exit 0 when it completed, 1 when it failed or was canceled.
# Usage: bash .github/scripts/wait-for-job.sh <job-name> [what, for the messages]
#
# Training can outlast the login. The Azure CLI cannot renew a GitHub OIDC login, and the access token
# it got lasts about 60-90 minutes (Azure/azure-cli#28708, Azure/login#372). So when a status call fails,
# this logs in again with a fresh GitHub ID token (as azure/login does) and retries once, as the same
# service principal: the job needs `permissions: id-token: write`, no secret. Steps after the wait
# should still start with a fresh azure/login step.
set -euo pipefail

JOB="$1"
WHAT="${2:-Job}"

# Who is logged in, from the CLI's local profile (no network; still readable once the token expired).
ACCOUNT=$(az account show --query "[user.name, tenantId, id]" -o tsv)
IFS=$'\t' read -r CLIENT_ID TENANT_ID SUBSCRIPTION_ID <<< "$ACCOUNT"

relogin() {
  echo "Logging in to Azure again with a fresh GitHub ID token"
  if [ -z "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" ]; then
    echo "::error::No GitHub ID token available (the job needs permissions: id-token: write)"
    return 1
  fi
  local token
  token=$(curl -sSf -H "Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" \
    "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=api://AzureADTokenExchange" | jq -r .value)
  echo "::add-mask::$token"
  az login --service-principal -u "$CLIENT_ID" -t "$TENANT_ID" --federated-token "$token" >/dev/null
  az account set -s "$SUBSCRIPTION_ID"
  # Both tokens now, while the GitHub ID token (valid for minutes) can still be exchanged.
  az account get-access-token --scope https://management.azure.com/.default >/dev/null
  az account get-access-token --scope https://ml.azure.com/.default >/dev/null
}

job_status() {
  az ml job show -n "$JOB" --query status -o tsv
}

# `stream` ends with the job, on Canceled and similar, or when the token expires: the status decides.
az ml job stream -n "$JOB" || true
while :; do
  if ! STATUS=$(job_status); then
    relogin
    STATUS=$(job_status)
  fi
  case "$STATUS" in
    Completed) echo "$WHAT $JOB completed"; exit 0 ;;
    Failed|Canceled|NotResponding|Paused)
      echo "::error::$WHAT $JOB ended with status $STATUS"; exit 1 ;;
    *) sleep 30 ;;
  esac
done
