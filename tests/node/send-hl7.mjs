// Sends HL7 v2 message files to an MLLP listener with node-hl7-client, one connection per HL7 version as that client
// requires, and prints one JSON line per file with the reply's MSA-1, MSA-2 and ERR.
import Client, { Message } from "node-hl7-client";
import fs from "node:fs";
import path from "node:path";

const [port, ...files] = process.argv.slice(2);
const connections = new Map();
const waiting = [];

function connection(version) {
  if (!connections.has(version)) {
    const client = new Client({ host: "127.0.0.1", version });
    connections.set(version, client.createConnection({ port: Number(port), waitAck: true }, async (res) => {
      waiting.shift()(res.getMessage());
    }));
  }
  return connections.get(version);
}

for (const file of files) {
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").replace(/\r?\n/g, "\r").replace(/\r+$/, "");
  const message = new Message({ text });
  const reply = await new Promise((resolve, reject) => {
    waiting.push(resolve);
    connection(message.get("MSH.12").toString()).sendMessage(message).catch(reject);
  });
  console.log(JSON.stringify({
    file: path.basename(file),
    ack: reply.get("MSA.1").toString(),
    control: reply.get("MSA.2").toString(),
    error: reply.get("ERR.8").toString() || reply.get("MSA.3").toString(),
  }));
}
process.exit(0);
