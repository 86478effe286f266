// Realistic Romanian names and places for the demo school (with diacritics, as parents type them).
export const LAST_NAMES = [
  "Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitru", "Stoica", "Stan", "Gheorghe", "Munteanu", "Matei", "Constantin",
  "Șerban", "Ștefănescu", "Țurcanu", "Mureșan", "Răducanu", "Căpraru", "Bălan", "Dinu", "Lupu", "Pavel", "Marinescu", "Florea",
  "Nistor", "Tănase", "Vlad", "Ciobanu", "Rusu", "Sârbu", "Moldovan", "Ardeleanu", "Neagu", "Enache", "Iordache", "Cristea",
  "Oprea", "Dragomir", "Toma", "Voicu", "Anghel", "Mocanu", "Petrescu", "Barbu", "Năstase", "Bogdan", "Zamfir", "Cojocaru",
] as const;
export const PARENT_FIRST_NAMES = [
  "Andreea", "Ioana", "Elena", "Maria", "Mihaela", "Cristina", "Alina", "Raluca", "Simona", "Oana", "Laura", "Roxana",
  "Adrian", "Mihai", "Andrei", "Alexandru", "Ștefan", "Bogdan", "Cătălin", "Răzvan", "Florin", "Sorin", "Gheorghe", "Dan",
] as const;
export const CHILD_FIRST_NAMES = [
  "Ana", "Sofia", "Maria", "Ioana", "Elena", "Daria", "Bianca", "Irina", "Ilinca", "Ștefania", "Alexia", "Anastasia", "Miruna",
  "Luca", "David", "Matei", "Ștefan", "Andrei", "Tudor", "Vlad", "Radu", "Mihnea", "Toma", "Șerban", "Răzvan", "Tudor-Ion",
] as const;
export const COMPANIES = [
  "Carpați Software SRL", "Dunărea Logistic SRL", "Făgăraș Consult SRL", "Tehnoprod Ardeal SA", "Bucovina Media SRL",
  "Mărțișor Events SRL", "Olt Construct SRL", "Nordic Țesături SRL", "Sigma Învățare SRL", "Livada Bio SRL",
  "Apuseni Tour SRL", "Brâncuși Design SRL",
] as const;
export const STREETS = [
  "Str. Lalelelor", "Bd. Unirii", "Str. Mihai Eminescu", "Calea Victoriei", "Str. Ștefan cel Mare", "Aleea Trandafirilor",
  "Str. Avram Iancu", "Bd. Revoluției", "Str. Țebei", "Calea Moșilor", "Str. Fântânii", "Șoseaua Pantelimon",
] as const;
/** [city, county]; București addresses carry their sector as the city (SmartBill / e-Factura rule). */
export const PLACES: readonly (readonly [string, string])[] = [
  ["Sector 1", "București"], ["Sector 2", "București"], ["Sector 3", "București"],
  ["Sector 4", "București"], ["Sector 5", "București"], ["Sector 6", "București"],
  ["Sector 3", "București"], ["Sector 6", "București"],
  ["Cluj-Napoca", "Cluj"], ["Iași", "Iași"], ["Brașov", "Brașov"], ["Timișoara", "Timiș"], ["Constanța", "Constanța"],
  ["Otopeni", "Ilfov"], ["Voluntari", "Ilfov"], ["Ploiești", "Prahova"],
];
