// The Bot Connector stand-in lives in infra/ (npm start runs it as the demo's Teams); the tests import it from here.
export * from '../../infra/connector-stand-in/connector-stand-in.js';
