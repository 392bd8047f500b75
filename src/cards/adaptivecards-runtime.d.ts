// Types for the adaptivecards package's prebuilt bundle, which is what runs in Node (see validate-card.ts).
declare module 'adaptivecards/dist/adaptivecards.js' {
  import type * as AdaptiveCards from 'adaptivecards';
  const runtime: typeof AdaptiveCards;
  export default runtime;
}
