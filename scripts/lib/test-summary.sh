# Prints "N passed, N failed" summed over the TRX files in the folder given.
test_summary() {
  local folder="$1"
  local passed=0 failed=0 p f file
  for file in "$folder"/*.trx; do
    [ -f "$file" ] || continue
    p=$(grep -o '<Counters [^>]*' "$file" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
    f=$(grep -o '<Counters [^>]*' "$file" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  done
  echo "$passed passed, $failed failed"
}
