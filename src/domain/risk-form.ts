// The municipal ROS form's columns (Tønsberg's form, seed 000): the Excel export and import read and write them, and
// the API contract names them, so the list lives here where the server and the tab can both import it.

/** The form's columns in order, after the hidden 'Id' column that carries a row's id. */
export const RISK_FORM_COLUMNS = [
  'Hva skal vurderes?',
  'Hva kan gå galt?',
  'Menneskelig skade',
  'Materiell skade',
  'Økonomisk tap',
  'Skade på miljø eller omgivelser',
  'Omdømmetap',
  'Personvern/GDPR',
  'Dårlig etikk og korrupsjon',
  'Sannsynlighet',
  'Konsekvens',
  'Risiko',
  'Lovbrudd?',
  'Hva er gjort for å unngå at det går galt?',
  'Har vi gjort nok?',
  'Sannsynlighet etter tiltak',
  'Konsekvens etter tiltak',
  'Restrisiko',
  'Er restrisikoen akseptabel?',
  'Tiltak – hva skal gjøres?',
  'Ansvar',
  'Frist',
  'Tiltak ok?',
  'Må meldes til KLG?',
] as const;

export type RiskFormColumn = (typeof RISK_FORM_COLUMNS)[number];
