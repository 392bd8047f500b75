// Name lists for the demo: common given names and surnames in Norway, and place names for units.
//
// Drawn from the most common names in Norway (SSB's name statistics) with the spread of a
// municipal workforce: æøå, double names, and names common among Norwegians of other origins.
// Any resemblance between a generated person and a real one is chance: names are drawn
// independently and no real person's data is used.

export const FEMALE_GIVEN_NAMES: readonly string[] = [
  'Anne', 'Inger', 'Kari', 'Marit', 'Ingrid', 'Liv', 'Eva', 'Berit', 'Astrid', 'Bjørg',
  'Hilde', 'Anna', 'Solveig', 'Marianne', 'Randi', 'Ida', 'Nina', 'Maria', 'Elisabeth', 'Kristin',
  'Bente', 'Heidi', 'Silje', 'Hanne', 'Gerd', 'Linda', 'Tone', 'Tove', 'Elin', 'Anita',
  'Wenche', 'Camilla', 'Ragnhild', 'Julie', 'Hege', 'Ellen', 'Karin', 'Mari', 'Trine', 'Grete',
  'Åse', 'Sølvi', 'Tonje', 'Kjersti', 'Siri', 'Ingeborg', 'Monica', 'Cecilie', 'Therese', 'Mette',
  'Lene', 'Sara', 'Emma', 'Nora', 'Thea', 'Ingvild', 'Guro', 'Marte', 'Stine', 'Kine',
  'Vigdis', 'Unni', 'Turid', 'Torill', 'Britt', 'Sigrid', 'Åshild', 'Synnøve', 'Gunn', 'Laila',
  'Hanna', 'Maja', 'Emilie', 'Line', 'Karoline', 'Vilde', 'Malin', 'Frida', 'Oda', 'Mathilde',
  'Sofie', 'Helene', 'Janne', 'Merete', 'Irene', 'Jorunn', 'Bodil', 'Aud', 'Øydis', 'Dagny',
  'Anne-Lise', 'Anne-Marie', 'Mari-Ann', 'Fatima', 'Amina', 'Maryam', 'Aisha', 'Agnieszka', 'Katarzyna', 'Linh',
];

export const MALE_GIVEN_NAMES: readonly string[] = [
  'Jan', 'Per', 'Bjørn', 'Ole', 'Lars', 'Kjell', 'Knut', 'Arne', 'Svein', 'Thomas',
  'Hans', 'Geir', 'Tor', 'Morten', 'Terje', 'Odd', 'Erik', 'Martin', 'Andreas', 'Rune',
  'Trond', 'Harald', 'Olav', 'Jon', 'Tore', 'Gunnar', 'Espen', 'Anders', 'Stian', 'Kristian',
  'Jørgen', 'Øyvind', 'Håkon', 'Eirik', 'Magnus', 'Sondre', 'Henrik', 'Jonas', 'Mathias', 'Sindre',
  'Ståle', 'Kåre', 'Leif', 'Rolf', 'Einar', 'Steinar', 'Frode', 'Atle', 'Roar', 'Dag',
  'Vidar', 'Pål', 'Asbjørn', 'Øystein', 'Torbjørn', 'Sigurd', 'Halvor', 'Fredrik', 'Emil', 'Aksel',
  'Tobias', 'Jakob', 'Sander', 'Even', 'Ivar', 'Erlend', 'Vegard', 'Kim', 'Ketil', 'Tommy',
  'Jørn', 'Bård', 'Åge', 'Ørjan', 'Ola', 'Nils', 'Petter', 'Christian', 'Alexander', 'Daniel',
  'Marius', 'Simen', 'Joakim', 'Ruben', 'Benjamin', 'Gaute', 'Eivind', 'Hallvard', 'Tor Erik', 'Jan-Erik',
  'Per Olav', 'Hans Petter', 'Mohammed', 'Ali', 'Ahmed', 'Hassan', 'Omar', 'Piotr', 'Tomasz', 'Minh',
];

export const SURNAMES: readonly string[] = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen',
  'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl',
  'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand',
  'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie',
  'Amundsen', 'Nguyen', 'Rasmussen', 'Ali', 'Lunde', 'Solheim', 'Berge', 'Moe', 'Nygård', 'Bakke',
  'Kristensen', 'Fredriksen', 'Holm', 'Lien', 'Hauge', 'Christensen', 'Andresen', 'Nielsen', 'Knudsen', 'Evensen',
  'Sæther', 'Aas', 'Myhre', 'Hanssen', 'Ahmed', 'Haugland', 'Thomassen', 'Sivertsen', 'Simonsen', 'Danielsen',
  'Berntsen', 'Sandvik', 'Rønning', 'Arnesen', 'Antonsen', 'Næss', 'Vik', 'Haug', 'Ellingsen', 'Thorsen',
  'Edvardsen', 'Birkeland', 'Isaksen', 'Gulbrandsen', 'Ruud', 'Aasen', 'Strøm', 'Myklebust', 'Tangen', 'Ødegård',
  'Eliassen', 'Helland', 'Bøe', 'Jenssen', 'Aune', 'Mikkelsen', 'Tveit', 'Brekke', 'Abrahamsen', 'Madsen',
  'Sæbø', 'Bråten', 'Løken', 'Kjær', 'Dæhli', 'Grønli', 'Østby', 'Støen', 'Fjeld', 'Hovland',
  'Røed', 'Skår', 'Søreide', 'Tønnessen', 'Åsheim', 'Bjørnstad', 'Gjerde', 'Hoel', 'Engen', 'Nordby',
  'Tollefsen', 'Khan', 'Hussain', 'Ahmadi', 'Kowalski', 'Nowak', 'Mohamed', 'Tran', 'Yilmaz', 'Rahimi',
  'Wold', 'Sundby', 'Kjos', 'Ramberg', 'Nærland', 'Langård', 'Brøther', 'Mørch', 'Wærstad', 'Kråkenes',
];

/** Place names around Tønsberg and Re, for units, services and branches. */
export const PLACE_NAMES: readonly string[] = [
  'Træleborg', 'Eik', 'Hogsnes', 'Kjelle', 'Vear', 'Barkåker', 'Slagen', 'Husøy', 'Presterød', 'Byskogen',
  'Sem', 'Vallø', 'Ramnes', 'Revetal', 'Våle', 'Vivestad', 'Fon', 'Undrumsdal', 'Kolsrud', 'Solvang',
  'Brårud', 'Oseberg', 'Korten', 'Jarlsø', 'Tolvsrød', 'Olsrød', 'Nesbrygga', 'Kaldnes', 'Linnestad', 'Gullhaug',
  'Hella', 'Eikeberg', 'Frodeåsen', 'Ringshaug', 'Bakkenteigen', 'Vallø strand', 'Ilene', 'Almerød', 'Rambergåsen', 'Søndre Slagen',
  'Nykirke', 'Kirkevoll', 'Gretnes', 'Haugar', 'Nordbyen', 'Sentrum', 'Ekeberg', 'Stensarmen', 'Tinnia', 'Hvitåsen',
];
