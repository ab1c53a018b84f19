// Reads an EPCIS 2.0 document (EPCISDocument or EPCISQueryDocument) on stdin and prints the
// event hash ID that GS1 France's epcis2.js computes for each of its events, as a JSON list.
const { eventToHashedId } = require("epcis2.js");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const doc = JSON.parse(input);
  const prefixes = {};
  for (const item of [].concat(doc["@context"] || [])) {
    if (item && typeof item === "object") Object.assign(prefixes, item);
  }
  const body = doc.epcisBody || {};
  const events = body.eventList || (body.queryResults && body.queryResults.resultsBody.eventList) || [];
  const ids = events.map((event) => {
    const copy = { ...event };
    delete copy.eventID;
    return eventToHashedId(copy, prefixes, false);
  });
  process.stdout.write(JSON.stringify(ids));
});
